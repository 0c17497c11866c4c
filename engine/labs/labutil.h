#pragma once
// Small helpers the labs share.

#include <chrono>
#include <cstdint>
#include <string>
#include <sys/types.h>

namespace proclab::labs {

// Wall time since `start`, in milliseconds, as the course's time.time() deltas.
class Stopwatch
{
public:
    Stopwatch() : m_start(std::chrono::steady_clock::now()) {}
    double elapsedMs() const
    {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start)
            .count();
    }

private:
    std::chrono::steady_clock::time_point m_start;
};

// A child's report to its parent over a real pipe: the child writes one
// integer, the parent reads it (blocking) after start(). Inherited by forked
// and spawned children alike (the write end is passed by number).
class ReportPipe
{
public:
    ReportPipe();
    ~ReportPipe();
    ReportPipe(const ReportPipe &) = delete;
    ReportPipe &operator=(const ReportPipe &) = delete;

    int writeFd() const { return m_fds[1]; }
    void closeWriteEnd(); // in the parent, after start(): EOF once the child is done
    // Reads the next integer; false at EOF.
    bool read(std::int64_t *value);
    static void send(int writeFd, std::int64_t value);

private:
    int m_fds[2] = {-1, -1};
};

// What /proc/PID/stat says right now: the state letter ('?' if the process
// is gone) and the parent (0 if gone). Python: open(f"/proc/{pid}/stat").
char procState(pid_t pid);
pid_t procParent(pid_t pid);

// Blocks until the caller's child `pid` has exited, WITHOUT reaping it (it
// stays a zombie until join()): waitid(..., WEXITED | WNOWAIT).
void waitExitedNotReaped(pid_t pid);

// Blocks until process `pid` (any process, not only a child: a pidfd) has
// exited. Returns at once if it no longer exists.
void waitForExit(pid_t pid);

} // namespace proclab::labs

namespace proclab::labs {

// A named phase of a lab on the caller's lane (a `phase` interval): what a
// measuring lab traces instead of every message.
class PhaseScope
{
public:
    explicit PhaseScope(const std::string &name);
    ~PhaseScope();
    PhaseScope(const PhaseScope &) = delete;
    PhaseScope &operator=(const PhaseScope &) = delete;
};

} // namespace proclab::labs
