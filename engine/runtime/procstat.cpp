#include "procstat.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace proclab::detail {

bool parseProcStat(const char *buf, ProcStat *out)
{
    // The command name is in parentheses and may itself hold spaces or ')'.
    const char *paren = std::strrchr(buf, ')');
    if (!paren || paren[1] != ' ' || paren[2] == '\0')
        return false;
    ProcStat s;
    s.state = paren[2];
    // Fields 4.. are integers separated by single spaces; field 3 is the state.
    const char *p = paren + 3;
    for (int field = 4; field <= 39; ++field) {
        if (*p != ' ') {
            *out = s;
            return field > 5; // a short line still has ppid and pgrp
        }
        ++p;
        char *end = nullptr;
        const long long v = std::strtoll(p, &end, 10);
        if (end == p)
            return false;
        p = end;
        switch (field) {
        case 4:
            s.ppid = pid_t(v);
            break;
        case 5:
            s.pgrp = pid_t(v);
            break;
        case 14:
            s.utimeTicks = std::uint64_t(v);
            break;
        case 15:
            s.stimeTicks = std::uint64_t(v);
            break;
        case 22:
            s.startTicks = std::uint64_t(v);
            break;
        case 39:
            s.processor = int(v);
            break;
        default:
            break;
        }
    }
    *out = s;
    return true;
}

int openProcStat(pid_t pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/stat", int(pid));
    return open(path, O_RDONLY | O_CLOEXEC);
}

bool readProcStatFd(int fd, ProcStat *out)
{
    char buf[1024];
    const ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    return parseProcStat(buf, out);
}

bool readProcStat(pid_t pid, ProcStat *out)
{
    const int fd = openProcStat(pid);
    if (fd < 0)
        return false;
    const bool ok = readProcStatFd(fd, out);
    close(fd);
    return ok;
}

} // namespace proclab::detail
