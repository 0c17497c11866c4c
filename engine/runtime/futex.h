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

// This process's futex system calls so far (tests: a release must not wake
// unless someone may sleep). Process-local; a forked child starts with its
// parent's counts.
struct FutexCounts
{
    std::uint64_t waits = 0;
    std::uint64_t timeouts = 0; // waits that ended by their time limit
    std::uint64_t wakes = 0;
};
FutexCounts futexCounts();

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

// A holder word: the holder's pid (0: free), and this bit when a process may
// be asleep on it (Drepper's "Futexes Are Tricky", mutex 2). A release wakes
// only if the bit is set, so a waiter that is still on its way to sleep does
// not make every release a system call: with a count of waiters instead, two
// processes taking one lock 80,000 times made 5,000 futex wakes that found
// nobody, a microsecond each. Pids are < 2^22 (pid_max), so the bit is free.
inline constexpr std::int32_t kSleepersBit = std::int32_t(1) << 30;
inline std::int32_t holderOf(std::int32_t word)
{
    return word & ~kSleepersBit;
}
// Sleeps on `word`, last seen held as `seen`, after marking it: at most `ms`,
// and not at all when the word changed meanwhile (false: look again). A
// process that slept takes the word marked, since others may sleep on it too:
// each woken sleeper carries the wake on, by taking the word marked or by
// marking it again, or, if it gives up (a timeout), by handing the wake on.
bool sleepWhileHeld(std::atomic<std::int32_t> &word, std::int32_t seen, int ms);
// Frees `word`, waking one sleeper if the word was marked.
void releaseHolder(std::atomic<std::int32_t> &word);

// A small mutex in shared memory for the runtime's own structures (queues):
// not traced, and recovered from a holder that died (terminated mid-put).
struct ShmMutex
{
    std::atomic<std::int32_t> owner{0}; // a holder word (kSleepersBit)

    void lock();
    void unlock();
};

} // namespace proclab::detail
