#include "params.h"

#include "translatable.h"

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace proclab {

ParamSpec ParamSpec::definesRun() const
{
    ParamSpec s = *this;
    s.defining = true;
    return s;
}

ParamSpec ParamSpec::integer(std::string name, std::int64_t min, std::int64_t max, std::int64_t def,
                             std::string help, std::string unit)
{
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Int;
    s.min = min;
    s.max = max;
    s.defaultValue = std::to_string(def);
    s.help = std::move(help);
    s.unit = std::move(unit);
    return s;
}

ParamSpec ParamSpec::boolean(std::string name, bool def, std::string help)
{
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Bool;
    s.defaultValue = def ? "true" : "false";
    s.help = std::move(help);
    return s;
}

ParamSpec ParamSpec::choice(std::string name, std::vector<std::string> choices, std::string def,
                            std::string help)
{
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Choice;
    s.choices = std::move(choices);
    s.defaultValue = std::move(def);
    s.help = std::move(help);
    return s;
}

std::string ParamSpec::allowed() const
{
    switch (type) {
    case ParamType::Int:
        return std::to_string(min) + "\u2013" + std::to_string(max);
    case ParamType::Bool:
        return QT_TRANSLATE_NOOP("Params", "true or false");
    case ParamType::Choice: {
        std::string out;
        for (const auto &c : choices)
            out += (out.empty() ? "" : ", ") + c;
        return out;
    }
    }
    return {};
}

namespace {

// What a user typed, as Python's int() and argparse read it: surrounding
// blanks do not count (" 5", "5 " and "5" are one value).
std::string trimmed(const std::string &text)
{
    const char *blanks = " \t\r\n\f\v";
    const std::size_t first = text.find_first_not_of(blanks);
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

std::string lowered(std::string text)
{
    for (char &c : text)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return text;
}

} // namespace

std::optional<ParamValue> parseParam(const ParamSpec &spec, const std::string &typed,
                                     std::string *error)
{
    // " 5", "+5" and "5" are the same number, "TRUE" and "true" the same flag.
    const std::string text = trimmed(typed);
    auto fail = [&](const std::string &msg) -> std::optional<ParamValue> {
        if (error)
            *error = msg;
        return std::nullopt;
    };
    switch (spec.type) {
    case ParamType::Int: {
        errno = 0;
        char *end = nullptr;
        // A sign, then digits only: strtoll alone would also skip inner blanks ("+ 5").
        const std::size_t digits = text.empty() ? 0 : (text[0] == '+' || text[0] == '-') ? 1 : 0;
        const bool wellFormed = text.size() > digits &&
                                text.find_first_not_of("0123456789", digits) == std::string::npos;
        const long long v = wellFormed ? std::strtoll(text.c_str(), &end, 10) : 0;
        if (!wellFormed || errno == ERANGE)
            return fail(
                fillPattern(QT_TRANSLATE_NOOP("Params", "%1 must be a whole number %2, got '%3'"),
                            {spec.name, spec.allowed(), typed}));
        if (v < spec.min || v > spec.max)
            return fail(fillPattern(QT_TRANSLATE_NOOP("Params", "%1 must be %2, got %3"),
                                    {spec.name, spec.allowed(), std::to_string(v)}));
        return ParamValue{std::int64_t(v)};
    }
    case ParamType::Bool: {
        // Any case: Python's True / False as well as true, yes, on, 1.
        const std::string word = lowered(text);
        if (word == "true" || word == "1" || word == "on" || word == "yes")
            return ParamValue{true};
        if (word == "false" || word == "0" || word == "off" || word == "no")
            return ParamValue{false};
        return fail(fillPattern(QT_TRANSLATE_NOOP("Params", "%1 must be true or false, got '%2'"),
                                {spec.name, typed}));
    }
    case ParamType::Choice:
        for (const auto &c : spec.choices)
            if (c == text)
                return ParamValue{c};
        return fail(fillPattern(QT_TRANSLATE_NOOP("Params", "%1 must be one of %2, got '%3'"),
                                {spec.name, spec.allowed(), typed}));
    }
    return fail(
        fillPattern(QT_TRANSLATE_NOOP("Params", "%1: unknown parameter type"), {spec.name}));
}

std::int64_t ParamValues::integer(const std::string &name) const
{
    return std::get<std::int64_t>(m_values.at(name));
}

bool ParamValues::boolean(const std::string &name) const
{
    return std::get<bool>(m_values.at(name));
}

const std::string &ParamValues::choice(const std::string &name) const
{
    return std::get<std::string>(m_values.at(name));
}

std::string ParamValues::text(const std::string &name) const
{
    const ParamValue &v = m_values.at(name);
    if (auto i = std::get_if<std::int64_t>(&v))
        return std::to_string(*i);
    if (auto b = std::get_if<bool>(&v))
        return *b ? "true" : "false";
    return std::get<std::string>(v);
}

} // namespace proclab
