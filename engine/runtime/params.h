#pragma once
// A lab's parameter schema and validated values. The GUI form, the CLI and the
// runner all validate through validate(): one set of rules, one set of messages.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace proclab {

enum class ParamType
{
    Int,
    Bool,
    Choice
};

struct ParamSpec
{
    std::string name;
    ParamType type = ParamType::Int;
    std::int64_t min = 0;
    std::int64_t max = 0;
    std::string defaultValue; // textual, as a user would type it
    std::vector<std::string> choices;
    std::string help;
    std::string unit; // "ms", "µs", ... shown beside the field
    // One of the 2-3 parameters that define a run: named in the timeline's
    // title (the others are in its tooltip).
    bool defining = false;

    static ParamSpec integer(std::string name, std::int64_t min, std::int64_t max, std::int64_t def,
                             std::string help, std::string unit = {});
    static ParamSpec boolean(std::string name, bool def, std::string help);
    static ParamSpec choice(std::string name, std::vector<std::string> choices, std::string def,
                            std::string help);

    std::string allowed() const; // "1–64", "true or false", "fork, spawn"
    ParamSpec definesRun() const; // this spec, marked as defining the run
};

using ParamValue = std::variant<std::int64_t, bool, std::string>;

class ParamValues
{
public:
    std::int64_t integer(const std::string &name) const;
    bool boolean(const std::string &name) const;
    const std::string &choice(const std::string &name) const;
    bool is(const std::string &name, const std::string &choiceValue) const
    {
        return choice(name) == choiceValue;
    }

    void set(const std::string &name, ParamValue v) { m_values[name] = std::move(v); }
    const std::map<std::string, ParamValue> &all() const { return m_values; }
    std::string text(const std::string &name) const; // canonical text of one value

private:
    std::map<std::string, ParamValue> m_values;
};

// Parses one value against its spec, as Python's int() and argparse would:
// surrounding blanks are ignored and an integer may have a sign (" 5", "+5"
// and "5" are 5), a flag is true/false, yes/no, on/off or 1/0 in any case
// ("True", "TRUE"). On failure returns nullopt and sets `error` to a message
// naming the field and the allowed values.
std::optional<ParamValue> parseParam(const ParamSpec &spec, const std::string &text,
                                     std::string *error);

} // namespace proclab
