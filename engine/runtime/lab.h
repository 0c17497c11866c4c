#pragma once
// What a lab is: an id (a public interface: CLI, traces and saved runs use it),
// a title, the course chapter it belongs to, its parameter schema and the
// function MainProcess runs. Labs live in engine/labs, one file each.

#include "params.h"
#include "summary.h"
#include "translatable.h" // QT_TRANSLATE_NOOP for the labs' text

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace proclab {

using LabMain = void (*)(const ParamValues &params, Summary &summary);
// Checks that span several parameters ("sleep_min_ms must not exceed
// sleep_max_ms"). Returns an empty string when the values fit together.
using LabCheck = std::string (*)(const ParamValues &params);

// The number a lab is about, charted when it runs many times (Run ×N,
// proclab-run --repeat): one of its summary keys and a name for the chart's
// axis (QT_TRANSLATE_NOOP("Lab", ...)). No key: the run's elapsed time.
struct KeyOutcome
{
    const char *key = nullptr;
    const char *label = nullptr;
};

// A named set of parameter values, say the course's own version of a lab
// ("hot-dog"). Values not named keep their defaults.
struct LabPreset
{
    std::string id;    // CLI --preset ID
    std::string title; // QT_TRANSLATE_NOOP("Lab", ...)
    std::vector<std::pair<std::string, std::string>> values;
};

struct LabInfo
{
    std::string id;
    std::string title;
    std::string chapter; // course chapter, groups the catalogue
    std::string blurb;   // one sentence: what the lab shows
    std::vector<ParamSpec> params;
    LabMain main = nullptr;
    LabCheck check = nullptr;
    KeyOutcome outcome{};
    std::vector<LabPreset> presets = {};

    const ParamSpec *param(const std::string &name) const;
    const LabPreset *preset(const std::string &id) const;
};

// Validates `assignments` (name -> text) against the lab's schema, filling in
// defaults. Returns every problem found, one message per field; `out` holds the
// full value set only when the list is empty.
std::vector<std::string> resolveParams(const LabInfo &lab,
                                       const std::map<std::string, std::string> &assignments,
                                       ParamValues *out);

} // namespace proclab
