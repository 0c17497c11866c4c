#include "futex.h"

#include "procstat.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace proclab::detail {

namespace {
pid_t g_selfPid = 0;

FutexCounts g_counts;

void wait(void *word, std::uint32_t expected, int ms)
{
    timespec ts{ms / 1000, (ms % 1000) * 1'000'000L};
    ++g_counts.waits;
    if (syscall(SYS_futex, word, FUTEX_WAIT, expected, &ts, nullptr, 0) != 0 &&
        errno == ETIMEDOUT)
        ++g_counts.timeouts;
}
void wake(void *word, int count)
{
    ++g_counts.wakes;
    syscall(SYS_futex, word, FUTEX_WAKE, count, nullptr, nullptr, 0);
}
} // namespace

FutexCounts futexCounts()
{
    return g_counts;
}

void futexWait(std::atomic<std::int32_t> *word, std::int32_t expected, int ms)
{
    wait(word, std::uint32_t(expected), ms);
}
void futexWake(std::atomic<std::int32_t> *word, int count)
{
    wake(word, count);
}
void futexWait(std::atomic<std::uint32_t> *word, std::uint32_t expected, int ms)
{
    wait(word, expected, ms);
}
void futexWake(std::atomic<std::uint32_t> *word, int count)
{
    wake(word, count);
}

pid_t selfPid()
{
    return g_selfPid ? g_selfPid : getpid();
}
void setSelfPid(pid_t pid)
{
    // A fork this runtime does not make (none today) must not inherit the
    // cache: its child asks the kernel again until it becomes a lab process.
    static const bool forgetInChild =
        pthread_atfork(nullptr, nullptr, [] { g_selfPid = 0; }) == 0;
    (void)forgetInChild;
    g_selfPid = pid;
}

bool ownerDead(pid_t pid)
{
    ProcStat stat;
    return !readProcStat(pid, &stat) || stat.state == 'Z' || stat.state == 'X' ||
           stat.pgrp != getpgrp();
}

bool sleepWhileHeld(std::atomic<std::int32_t> &word, std::int32_t seen, int ms)
{
    const std::int32_t marked = seen | kSleepersBit;
    if (seen != marked && !word.compare_exchange_strong(seen, marked))
        return false; // freed or taken by another since: look again
    futexWait(&word, marked, ms);
    return true;
}

void releaseHolder(std::atomic<std::int32_t> &word)
{
    if (word.exchange(0) & kSleepersBit)
        futexWake(&word);
}

void ShmMutex::lock()
{
    const std::int32_t me = selfPid();
    std::int32_t mine = me; // | kSleepersBit once this process has slept
    for (;;) {
        std::int32_t cur = 0;
        if (owner.compare_exchange_strong(cur, mine))
            return;
        // Held for a few instructions only: try again briefly before sleeping.
        for (int spin = 0; spin < 128 && owner.load(std::memory_order_relaxed) != 0; ++spin)
            cpuRelax();
        cur = 0;
        if (owner.compare_exchange_strong(cur, mine))
            return;
        timespec before{}, after{};
        clock_gettime(CLOCK_MONOTONIC, &before);
        if (sleepWhileHeld(owner, cur, kOwnerCheckMs))
            mine = me | kSleepersBit;
        clock_gettime(CLOCK_MONOTONIC, &after);
        const long waitedMs =
            (after.tv_sec - before.tv_sec) * 1000 + (after.tv_nsec - before.tv_nsec) / 1'000'000;
        cur |= kSleepersBit;
        if (waitedMs >= kOwnerCheckMs && owner.load() == cur && ownerDead(holderOf(cur)) &&
            owner.compare_exchange_strong(cur, mine))
            return;
    }
}

void ShmMutex::unlock()
{
    releaseHolder(owner);
}

} // namespace proclab::detail
