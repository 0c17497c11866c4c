#include "labutil.h"

#include "process.h"
#include "tracewriter.h"
#include "procstat.h"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace proclab::labs {

ReportPipe::ReportPipe()
{
    if (pipe(m_fds) != 0)
        throw ProcessError(std::string("pipe failed: ") + std::strerror(errno));
}

ReportPipe::~ReportPipe()
{
    for (int fd : m_fds)
        if (fd >= 0)
            close(fd);
}

void ReportPipe::closeWriteEnd()
{
    if (m_fds[1] >= 0)
        close(m_fds[1]);
    m_fds[1] = -1;
}

bool ReportPipe::read(std::int64_t *value)
{
    char *p = reinterpret_cast<char *>(value);
    std::size_t got = 0;
    while (got < sizeof *value) {
        const ssize_t n = ::read(m_fds[0], p + got, sizeof *value - got);
        if (n == 0)
            return false;
        if (n < 0 && errno != EINTR)
            return false;
        if (n > 0)
            got += std::size_t(n);
    }
    return true;
}

void ReportPipe::send(int writeFd, std::int64_t value)
{
    (void)!::write(writeFd, &value, sizeof value);
}

char procState(pid_t pid)
{
    detail::ProcStat s;
    return detail::readProcStat(pid, &s) ? s.state : '?';
}

pid_t procParent(pid_t pid)
{
    detail::ProcStat s;
    return detail::readProcStat(pid, &s) ? s.ppid : 0;
}

void waitExitedNotReaped(pid_t pid)
{
    siginfo_t info{};
    while (waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR) {
    }
}

void waitForExit(pid_t pid)
{
    const int fd = int(syscall(SYS_pidfd_open, pid, 0));
    if (fd < 0)
        return; // ESRCH: already gone
    pollfd p{fd, POLLIN, 0};
    while (poll(&p, 1, -1) < 0 && errno == EINTR) {
    }
    close(fd);
}

} // namespace proclab::labs

namespace proclab::labs {

PhaseScope::PhaseScope(const std::string &name)
{
    trace::here(RecordKind::Phase, 0, 1, name);
}

PhaseScope::~PhaseScope()
{
    trace::here(RecordKind::Phase, 0, 0);
}

} // namespace proclab::labs
