#include "affinity.h"

#include "tracewriter.h"

#include <cerrno>
#include <cstring>
#include <sched.h>
#include <string>
#include <unistd.h>

namespace proclab {

std::vector<int> sched_getaffinity(pid_t pid)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    std::vector<int> cpus;
    if (::sched_getaffinity(pid, sizeof set, &set) != 0)
        return cpus;
    for (int c = 0; c < CPU_SETSIZE; ++c)
        if (CPU_ISSET(c, &set))
            cpus.push_back(c);
    return cpus;
}

bool sched_setaffinity(pid_t pid, const std::vector<int> &cpus)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    std::int64_t mask = 0; // the trace keeps CPUs 0-63; more cores than that are not a lab's
    bool valid = !cpus.empty();
    for (int c : cpus) {
        if (c < 0 || c >= CPU_SETSIZE) {
            valid = false;
            continue;
        }
        CPU_SET(c, &set);
        if (c < 64)
            mask |= std::int64_t(1) << c;
    }
    const pid_t target = pid == 0 ? ::getpid() : pid;
    int err = EINVAL;
    if (valid)
        err = ::sched_setaffinity(target, sizeof set, &set) == 0 ? 0 : errno;
    trace::write(RecordKind::Affinity, target, mask, err);
    if (err != 0) {
        trace::here(RecordKind::Error, 0, 0,
                    "sched_setaffinity(" + std::to_string(target) +
                        ") failed: " + std::strerror(err));
        return false;
    }
    return true;
}

} // namespace proclab
