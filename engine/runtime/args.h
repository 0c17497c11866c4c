#pragma once
// Arguments passed to a process target. Like Python's args tuple, they must be
// transferable to a fresh program image (spawn), so they are integers,
// strings, None or a list of integers and travel as argv text. The same type
// is the item of a Queue, a Pipe message and a Manager value.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
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
    Arg(std::vector<std::int64_t> v) : m_isList(true), m_list(std::move(v)) {}

    bool isNone() const { return m_isNone; }
    bool isInt() const { return m_isInt; }
    bool isList() const { return m_isList; }
    bool isString() const { return !m_isNone && !m_isInt && !m_isList; }
    std::int64_t toInt() const { return m_int; }
    const std::string &toString() const { return m_text; }
    const std::vector<std::int64_t> &toList() const { return m_list; }

    // Python's repr(): None, 42, 'text', [1, 2]
    std::string repr() const;
    bool operator==(const Arg &o) const = default;

    std::string encode() const; // "i:42" / "s:text" / "n:" / "l:1,2"
    static bool decode(std::string_view text, Arg *out);

private:
    bool m_isNone = false;
    bool m_isInt = false;
    bool m_isList = false;
    std::int64_t m_int = 0;
    std::string m_text;
    std::vector<std::int64_t> m_list;
};

using Args = std::vector<Arg>;

// One argument as the type the target uses: an integer, bool or enum, a
// string, a list of integers, the Arg itself (None checks), or a
// synchronisation object rebuilt from its handle (Queue, Lock, Value,
// Connection, DictProxy ...: anything with a static fromHandle).
template <typename T> T argAs(const Arg &a)
{
    if constexpr (std::is_same_v<T, Arg>)
        return a;
    else if constexpr (std::is_same_v<T, bool>)
        return a.toInt() != 0;
    else if constexpr (std::is_integral_v<T> || std::is_enum_v<T>)
        return T(a.toInt());
    else if constexpr (std::is_same_v<T, std::string>)
        return a.toString();
    else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>)
        return a.toList();
    else if constexpr (requires { T::fromHandle(std::declval<const std::string &>()); })
        return T::fromHandle(a.toString());
    else
        return T::fromHandle(a.toInt());
}

// A target's args unpacked by type, as Python unpacks `def producer(q,
// index, items):`
//     auto [q, index, items] = unpack<Queue, std::int64_t, std::int64_t>(a);
// Fewer args than types throws std::out_of_range (reported as the process's
// uncaught error); extra args are ignored.
template <typename... T> std::tuple<T...> unpack(const Args &a)
{
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return std::tuple<T...>{argAs<T>(a.at(I))...};
    }(std::index_sequence_for<T...>{});
}

} // namespace proclab
