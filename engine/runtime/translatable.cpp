#include "translatable.h"

#include <algorithm>
#include <mutex>

namespace proclab {
namespace {

std::mutex &patternsMutex()
{
    static std::mutex m;
    return m;
}

std::vector<std::string> &patterns()
{
    static std::vector<std::string> p;
    return p;
}

} // namespace

std::string fillPattern(const char *pattern, std::initializer_list<std::string> args)
{
    {
        std::lock_guard<std::mutex> lock(patternsMutex());
        auto &p = patterns();
        if (std::find(p.begin(), p.end(), pattern) == p.end())
            p.emplace_back(pattern);
    }
    const std::vector<std::string> a(args);
    std::string out;
    for (const char *c = pattern; *c; ++c) {
        if (c[0] == '%' && c[1] >= '1' && c[1] <= '9' && size_t(c[1] - '1') < a.size()) {
            out += a[size_t(c[1] - '1')];
            ++c;
        } else {
            out += *c;
        }
    }
    return out;
}

std::vector<std::string> usedPatterns()
{
    std::lock_guard<std::mutex> lock(patternsMutex());
    return patterns();
}

} // namespace proclab
