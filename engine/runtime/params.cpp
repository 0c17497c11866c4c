#include "params.h"

#include "translatable.h"

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace proclab {

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

std::optional<ParamValue> parseParam(const ParamSpec &spec, const std::string &text,
                                     std::string *error)
{
    auto fail = [&](const std::string &msg) -> std::optional<ParamValue> {
        if (error)
            *error = msg;
        return std::nullopt;
    };
    switch (spec.type) {
    case ParamType::Int: {
        errno = 0;
        char *end = nullptr;
        const long long v = text.empty() ? 0 : std::strtoll(text.c_str(), &end, 10);
        if (text.empty() || *end != '\0' || errno == ERANGE)
            return fail(
                fillPattern(QT_TRANSLATE_NOOP("Params", "%1 must be a whole number %2, got '%3'"),
                            {spec.name, spec.allowed(), text}));
        if (v < spec.min || v > spec.max)
            return fail(fillPattern(QT_TRANSLATE_NOOP("Params", "%1 must be %2, got %3"),
                                    {spec.name, spec.allowed(), std::to_string(v)}));
        return ParamValue{std::int64_t(v)};
    }
    case ParamType::Bool:
        if (text == "true" || text == "1" || text == "on" || text == "yes")
            return ParamValue{true};
        if (text == "false" || text == "0" || text == "off" || text == "no")
            return ParamValue{false};
        return fail(fillPattern(QT_TRANSLATE_NOOP("Params", "%1 must be true or false, got '%2'"),
                                {spec.name, text}));
    case ParamType::Choice:
        for (const auto &c : spec.choices)
            if (c == text)
                return ParamValue{c};
        return fail(fillPattern(QT_TRANSLATE_NOOP("Params", "%1 must be one of %2, got '%3'"),
                                {spec.name, spec.allowed(), text}));
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
