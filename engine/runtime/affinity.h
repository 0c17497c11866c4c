#pragma once
// CPU affinity for labs: Python's os.sched_setaffinity / os.sched_getaffinity.
// A lab pins processes to cores to show that CPU-bound work only runs in
// parallel when there are cores to run it on.

#include <sys/types.h>
#include <vector>

namespace proclab {

// os.sched_getaffinity(pid): the CPUs `pid` (0: the caller) may run on,
// ascending. Empty if the process does not exist.
std::vector<int> sched_getaffinity(pid_t pid = 0);

// os.sched_setaffinity(pid, cpus): restricts `pid` (0: the caller) to `cpus`.
// Recorded as an `affinity` instant on the target's lane with the CPU mask
// and the result. Returns false, with an `error` event naming the errno, when
// the kernel refuses (no such process, a CPU that does not exist or is not
// allowed, an empty set); the affinity is then unchanged.
bool sched_setaffinity(pid_t pid, const std::vector<int> &cpus);

} // namespace proclab
