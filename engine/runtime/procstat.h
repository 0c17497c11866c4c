#pragma once
// The fields of /proc/PID/stat ProcLab reads: the state letter (R, S, D, Z,
// T, ...), the parent, the process group, the CPU time used so far, the CPU
// the process last ran on and its start time (which tells a reused pid from
// the process that had it before). Only open/read/close, so it is safe in a
// freshly forked child and cheap enough for a reap and for the runner's
// sampler (see engine/runner/procsampler.h).

#include <cstdint>
#include <sys/types.h>

namespace proclab::detail {

struct ProcStat
{
    char state = '?';
    pid_t ppid = 0;
    pid_t pgrp = 0;
    std::uint64_t utimeTicks = 0; // field 14, in clock ticks (sysconf(_SC_CLK_TCK))
    std::uint64_t stimeTicks = 0; // field 15
    std::uint64_t startTicks = 0; // field 22: start time after boot, in clock ticks
    int processor = -1;           // field 39: the CPU it last ran on
};

// false when the process does not exist (or its stat line cannot be parsed).
bool readProcStat(pid_t pid, ProcStat *out);

// For reading the same process again and again (the sampler): open once,
// then re-read with pread at offset 0, which skips the path lookup (most of
// the cost of a read). The fd stays tied to that very process: once it is
// reaped, reads fail, even if its pid is reused. Close with close().
int openProcStat(pid_t pid); // -1 if the process does not exist
bool readProcStatFd(int fd, ProcStat *out);

// Parses one stat line (as read from /proc/PID/stat). Exposed for tests.
bool parseProcStat(const char *line, ProcStat *out);

} // namespace proclab::detail
