#include "futex.h"

#include "procstat.h"

#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace proclab::detail {

namespace {
pid_t g_selfPid = 0;

void wait(void *word, std::uint32_t expected, int ms)
{
    timespec ts{ms / 1000, (ms % 1000) * 1'000'000L};
    syscall(SYS_futex, word, FUTEX_WAIT, expected, &ts, nullptr, 0);
}
void wake(void *word, int count)
{
    syscall(SYS_futex, word, FUTEX_WAKE, count, nullptr, nullptr, 0);
}
} // namespace

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
    g_selfPid = pid;
}

bool ownerDead(pid_t pid)
{
    ProcStat stat;
    return !readProcStat(pid, &stat) || stat.state == 'Z' || stat.state == 'X' ||
           stat.pgrp != getpgrp();
}

void ShmMutex::lock()
{
    const std::int32_t me = selfPid();
    for (;;) {
        std::int32_t cur = 0;
        if (owner.compare_exchange_strong(cur, me))
            return;
        // Held for a few instructions only: try again briefly before sleeping.
        for (int spin = 0; spin < 128 && owner.load(std::memory_order_relaxed) != 0; ++spin)
            cpuRelax();
        cur = 0;
        if (owner.compare_exchange_strong(cur, me))
            return;
        waiters.fetch_add(1);
        timespec before{}, after{};
        clock_gettime(CLOCK_MONOTONIC, &before);
        futexWait(&owner, cur, kOwnerCheckMs);
        clock_gettime(CLOCK_MONOTONIC, &after);
        waiters.fetch_sub(1);
        const long waitedMs =
            (after.tv_sec - before.tv_sec) * 1000 + (after.tv_nsec - before.tv_nsec) / 1'000'000;
        if (waitedMs >= kOwnerCheckMs && owner.load() == cur && ownerDead(cur) &&
            owner.compare_exchange_strong(cur, me))
            return;
    }
}

void ShmMutex::unlock()
{
    owner.store(0);
    if (waiters.load() > 0)
        futexWake(&owner);
}

} // namespace proclab::detail
