#pragma once
// The few fields of /proc/PID/stat the runtime reads: the state letter (R, S,
// D, Z, ...), the parent and the process group. Only open/read/close, so it
// is safe in a freshly forked child and cheap enough for a reap.

#include <sys/types.h>

namespace proclab::detail {

struct ProcStat
{
    char state = '?';
    pid_t ppid = 0;
    pid_t pgrp = 0;
};

// false when the process does not exist (or its stat line cannot be parsed).
bool readProcStat(pid_t pid, ProcStat *out);

} // namespace proclab::detail
