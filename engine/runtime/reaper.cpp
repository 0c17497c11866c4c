#include "reaper.h"

#include "futex.h"
#include "tracewriter.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace proclab {

namespace {

// True once `pid` has exited, without reaping it; `block` waits for that.
// A child that is no longer ours to wait for (ECHILD) counts as ended.
bool exitedUnreaped(pid_t pid, bool block)
{
    siginfo_t info{};
    int r;
    do
        r = waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT | (block ? 0 : WNOHANG));
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return errno == ECHILD;
    return info.si_pid == pid;
}

// Without a pidfd: waits up to `deadline` (trace clock) for `pid` to exit,
// woken by SIGCHLD. SIGCHLD is held back while waiting so that none is lost
// between the check and the wait (a blocked SIGCHLD stays pending even with
// its default, ignoring, action); any other child's SIGCHLD just checks again.
bool waitExitedUntil(pid_t pid, std::uint64_t deadline)
{
    sigset_t chld, saved;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &saved);
    bool exited = exitedUnreaped(pid, false);
    while (!exited) {
        const std::uint64_t now = trace::nowNs();
        if (now >= deadline)
            break;
        // At most 50 ms per wait: a SIGCHLD taken by someone else cannot stall us.
        const std::uint64_t left = std::min<std::uint64_t>(deadline - now, 50'000'000ull);
        const timespec ts{time_t(left / 1'000'000'000ull), long(left % 1'000'000'000ull)};
        sigtimedwait(&chld, nullptr, &ts);
        exited = exitedUnreaped(pid, false);
    }
    sigprocmask(SIG_SETMASK, &saved, nullptr);
    return exited;
}

// With a pidfd: it becomes readable when the process exits.
bool waitPidfdUntil(int pidfd, int timeoutMs, std::uint64_t deadline)
{
    pollfd p{pidfd, POLLIN, 0};
    for (;;) {
        int wait = -1;
        if (timeoutMs >= 0) {
            const std::uint64_t now = trace::nowNs();
            wait = now >= deadline ? 0 : int((deadline - now + 999'999) / 1'000'000);
        }
        const int n = poll(&p, 1, wait);
        if (n > 0)
            return true;
        if (n == 0 || errno != EINTR)
            return false;
    }
}

// Reaps `child` if it has ended: waitpid with `options` (0 blocks until it
// ends, WNOHANG does not). True once it is reaped, or is no child of ours.
bool reapChild(detail::ChildState &child, int options)
{
    if (child.reaped)
        return true;
    bool gone = false;
    const std::optional<int> code =
        reapExited(child.pid, ExitRecord::IfUnrecorded, options, &gone);
    if (!code)
        return gone;
    child.exitcode = code;
    child.reaped = true;
    if (child.pidfd >= 0)
        close(child.pidfd);
    child.pidfd = -1;
    return true;
}

} // namespace

std::optional<int> reapExited(pid_t pid, ExitRecord policy, int options, bool *notOurs)
{
    int status = 0;
    pid_t r;
    do
        r = waitpid(pid, &status, options);
    while (r < 0 && errno == EINTR);
    if (notOurs)
        *notOurs = r < 0 && errno == ECHILD;
    if (r != pid)
        return std::nullopt; // 0: still running (WNOHANG)
    const bool signalled = WIFSIGNALED(status);
    const int code = signalled ? -WTERMSIG(status) : WEXITSTATUS(status);
    if ((signalled && WTERMSIG(status) != SIGTERM) || policy == ExitRecord::Always)
        trace::write(RecordKind::Exit, pid, code, ExitSeenAtReap);
    // The state it was in just before: waitpid only ever collects a zombie
    // (the kernel's wait_task_zombie), so the reap itself is the proof, as
    // waitid(WNOWAIT) is for the Python engine; no /proc read on this path.
    trace::write(RecordKind::Reaped, pid, detail::selfPid(), 'Z');
    return code;
}

bool reapExitedChildren(ExitRecord policy, void (*onReaped)(void *, pid_t, int), void *data)
{
    for (;;) {
        siginfo_t info{};
        if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
            if (errno == EINTR)
                continue;
            return errno != ECHILD;
        }
        if (info.si_pid == 0)
            return true;
        if (const std::optional<int> code = reapExited(info.si_pid, policy, 0, nullptr);
            code && onReaped)
            onReaped(data, info.si_pid, *code);
    }
}

int openPidfd(pid_t pid)
{
    return int(syscall(SYS_pidfd_open, pid, 0));
}

namespace detail {

void signalChild(const ChildState &child, int sig)
{
    if (child.pidfd >= 0 && syscall(SYS_pidfd_send_signal, child.pidfd, sig, nullptr, 0) == 0)
        return;
    if (child.pidfd >= 0 && errno != ENOSYS && errno != EPERM)
        return; // ESRCH: it has exited already (not reaped: nothing to do)
    // By pid only from its parent, which alone can reap it: until then the
    // pid cannot be reused. A copy of the object in another process could
    // name a stranger's pid by now.
    if (child.creatorPid == selfPid())
        ::kill(child.pid, sig);
}

bool waitChild(ChildState &child, int timeoutMs)
{
    if (child.reaped)
        return true;
    // The checks (is_alive, exitcode, start's cleanup) need no readiness test
    // first: waitpid(WNOHANG) reaps, or says "still running".
    if (timeoutMs == 0)
        return reapChild(child, WNOHANG);
    if (timeoutMs < 0) {
        // join(): wait WITHOUT reaping, then reap. A blocking waitpid would
        // reap in the kernel even with a SIGKILL pending (a Stop kills the
        // whole group), and the process would die before recording the reap;
        // this way the child stays a zombie for the runner to reap and record.
        (void)exitedUnreaped(child.pid, true);
        (void)reapChild(child, 0);
        return true;
    }
    if (reapChild(child, WNOHANG))
        return true;
    const std::uint64_t deadline = trace::nowNs() + std::uint64_t(timeoutMs) * 1'000'000ull;
    // A timed join: the pidfd (opened now, once) becomes readable when the
    // child ends; without pidfds, SIGCHLD wakes waitExitedUntil.
    if (child.pidfd < 0 && !child.noPidfd) {
        child.pidfd = openPidfd(child.pid);
        child.noPidfd = child.pidfd < 0;
    }
    const bool exited = child.pidfd >= 0 ? waitPidfdUntil(child.pidfd, timeoutMs, deadline)
                                         : waitExitedUntil(child.pid, deadline);
    if (!exited)
        return false;
    (void)reapChild(child, 0);
    return true;
}

void reapFinishedChildren()
{
    auto &children = context().children;
    for (auto &c : children)
        if (!c->reaped)
            waitChild(*c, 0);
    std::erase_if(children, [](const auto &c) { return c->reaped; });
}

} // namespace detail

} // namespace proclab
