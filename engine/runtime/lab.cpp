#include "lab.h"

#include "translatable.h"

namespace proclab {

const ParamSpec *LabInfo::param(const std::string &name) const
{
    for (const auto &p : params)
        if (p.name == name)
            return &p;
    return nullptr;
}

const LabPreset *LabInfo::preset(const std::string &id) const
{
    for (const auto &p : presets)
        if (p.id == id)
            return &p;
    return nullptr;
}

std::vector<std::string> resolveParams(const LabInfo &lab,
                                       const std::map<std::string, std::string> &assignments,
                                       ParamValues *out)
{
    std::vector<std::string> errors;
    for (const auto &[name, text] : assignments) {
        if (!lab.param(name)) {
            std::string known;
            for (const auto &p : lab.params)
                known += (known.empty() ? "" : ", ") + p.name;
            errors.push_back(fillPattern(
                QT_TRANSLATE_NOOP("Params", "unknown parameter '%1' for lab '%2' (known: %3)"),
                {name, lab.id, known}));
        }
    }
    ParamValues values;
    for (const auto &spec : lab.params) {
        const auto it = assignments.find(spec.name);
        const std::string &text = it == assignments.end() ? spec.defaultValue : it->second;
        std::string error;
        if (auto v = parseParam(spec, text, &error))
            values.set(spec.name, *v);
        else
            errors.push_back(error);
    }
    if (errors.empty() && lab.check) {
        const std::string e = lab.check(values);
        if (!e.empty())
            errors.push_back(e);
    }
    if (errors.empty() && out)
        *out = std::move(values);
    return errors;
}

} // namespace proclab
