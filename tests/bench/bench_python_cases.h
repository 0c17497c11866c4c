#pragma once
// The ProcLab side of bench_python: what each case does (bench_python_cases.cpp).

#include <functional>
#include <vector>

namespace proclab::bench {

struct Case
{
    const char *name;
    const char *what;
    std::function<double(bool *ok)> run; // milliseconds; *ok false if the result is wrong
};

const std::vector<Case> &cases();

} // namespace proclab::bench
