#pragma once
// Futex waits and wakes on words in the shared heap (process-shared), and the
// check that a lock holder still lives. Internal to engine/runtime.

#include <atomic>
#include <cstdint>
#include <sys/types.h>

namespace proclab::detail {

// Sleeps while *word == expected, at most `ms` milliseconds (spurious wakes allowed).
void futexWait(std::atomic<std::int32_t> *word, std::int32_t expected, int ms);
void futexWake(std::atomic<std::int32_t> *word, int count = 1);
void futexWait(std::atomic<std::uint32_t> *word, std::uint32_t expected, int ms);
void futexWake(std::atomic<std::uint32_t> *word, int count = 1);

// A holder is dead when its /proc entry is gone, it is a zombie, or the pid now
// belongs to a process outside this lab's process group (reused).
bool ownerDead(pid_t pid);

// A hint to the CPU inside a busy-wait loop.
inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

// This process's pid, cached: getpid() is a real system call (microseconds on
// some virtual machines) and the queue and lock paths need it per operation.
// Set when a process becomes a lab process (after fork or exec).
pid_t selfPid();
void setSelfPid(pid_t pid);

// How often a waiter checks that the holder it waits for still lives.
inline constexpr int kOwnerCheckMs = 50;

// A small mutex in shared memory for the runtime's own structures (queues):
// not traced, and recovered from a holder that died (terminated mid-put).
struct ShmMutex
{
    std::atomic<std::int32_t> owner{0};
    std::atomic<std::int32_t> waiters{0};

    void lock();
    void unlock();
};

} // namespace proclab::detail
