#pragma once
// Arguments passed to a process target. Like Python's args tuple, they must be
// transferable to a fresh program image (spawn), so they are integers or
// strings and travel as argv text.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace proclab {

class Arg
{
public:
    Arg() : m_isNone(true) {} // Python's None: the usual sentinel
    Arg(std::int64_t v) : m_isInt(true), m_int(v) {}
    Arg(int v) : Arg(std::int64_t(v)) {}
    Arg(std::string v) : m_text(std::move(v)) {}
    Arg(const char *v) : m_text(v) {}

    bool isNone() const { return m_isNone; }
    bool isInt() const { return m_isInt; }
    std::int64_t toInt() const { return m_int; }
    const std::string &toString() const { return m_text; }

    std::string encode() const; // "i:42" / "s:text" / "n:"
    static bool decode(std::string_view text, Arg *out);

private:
    bool m_isNone = false;
    bool m_isInt = false;
    std::int64_t m_int = 0;
    std::string m_text;
};

using Args = std::vector<Arg>;

} // namespace proclab
