#pragma once
// Waiting for, signalling and reaping child processes: the one place a lab
// process's end is recorded. Used by Process (join, is_alive, exitcode,
// start's cleanup, the exit handler) and by the runner, which reaps every
// process of a run as its child subreaper.
//
// The reap sequence (reapExited): waitpid it, record its Exit when the
// process could not have recorded it itself (flagged ExitSeenAtReap: the
// time is the reap's), then the Reaped record with the reaper's pid and the
// state it was in just before, 'Z': waitpid collects only zombies, so the reap
// proves it (the Python engine asks waitid(WNOWAIT) the same question). A
// start+join of a child costs the parent fork, two sigprocmask, a waitid that
// waits without reaping (so a process killed while it joins leaves the
// child for the runner to reap and record) and the waitpid (tests/bench,
// goal 6); is_alive()/exitcode/start's cleanup, one waitpid(WNOHANG) each. docs/TRACE-FORMAT.md says how the host turns
// these into `exit`, `zombie` and `reaped` events.
//
// No Qt, no threads, no allocation on the reaping path: safe in any lab process.

#include "context.h"

#include <cstdint>
#include <optional>
#include <sys/types.h>

namespace proclab {

// Which exits the reaper records for the process it reaps.
enum class ExitRecord
{
    // Only the exits a process cannot record itself: killed by a signal other
    // than SIGTERM (a lab process records -15 in its SIGTERM handler and every
    // other exit on its way out).
    IfUnrecorded,
    // Every exit (a Python program's processes may not record theirs, and
    // MainProcess of a Python run never does); the host keeps a process's own
    // record where there is one.
    Always,
};

// Reaps `pid` with waitpid(pid, options): 0 blocks until it ends, WNOHANG
// does not. Records it as above and returns its exit code in Python's
// convention (N, or -SIG when a signal ended it); nullopt when it is still
// running (WNOHANG) or is not a child of ours (then *notOurs, if given, is set).
std::optional<int> reapExited(pid_t pid, ExitRecord policy, int options, bool *notOurs);

// Reaps, without blocking, every child that has exited, calling
// onReaped(data, pid, exitcode) after each. Returns false once the caller has
// no child left at all (ECHILD), true while some still run.
bool reapExitedChildren(ExitRecord policy, void (*onReaped)(void *, pid_t, int), void *data);

// A pidfd for a child that is not reaped yet (so `pid` is certainly it), or
// -1 where the kernel gives none: pidfd_open fails with ENOSYS before Linux
// 5.3 and with EPERM under older container seccomp profiles. Opened only for
// a timed join (poll on it); without one that join waits with waitid() and
// SIGCHLD. Signals go by kill() otherwise, safe with a plain pid because the
// child stays ours until we reap it.
int openPidfd(pid_t pid);

namespace detail {

// Sends `sig` to the child, through its pidfd where a timed join opened one,
// else with kill(). An exited, unreaped child is not signalled (nothing to do).
void signalChild(const ChildState &child, int sig);

// Waits up to `timeoutMs` (-1: forever) for `child` to end and reaps it if
// it did (ExitRecord::IfUnrecorded). Returns true once it has been reaped.
bool waitChild(ChildState &child, int timeoutMs);

// Reaps the children of the calling process that have ended (Python's
// multiprocessing.process._cleanup) and forgets them.
void reapFinishedChildren();

} // namespace detail

} // namespace proclab
