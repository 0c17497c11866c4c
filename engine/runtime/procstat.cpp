#include "procstat.h"

#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace proclab::detail {

bool readProcStat(pid_t pid, ProcStat *out)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/stat", int(pid));
    const int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buf[512];
    const ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    // The command name is in parentheses and may itself hold spaces or ')'.
    const char *paren = std::strrchr(buf, ')');
    if (!paren || paren[1] != ' ')
        return false;
    int ppid = 0, pgrp = 0;
    if (std::sscanf(paren + 2, "%c %d %d", &out->state, &ppid, &pgrp) != 3)
        return false;
    out->ppid = ppid;
    out->pgrp = pgrp;
    return true;
}

} // namespace proclab::detail
