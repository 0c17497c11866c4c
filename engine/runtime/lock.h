#pragma once
// multiprocessing.Lock and RLock, shared by real processes through the run's
// shared heap. Waiting (`wait:lock`, only when another process holds it) and
// holding (`hold:lock`) are recorded as intervals.
//
// Lock: any process may release it (Python's Lock is a semaphore); releasing
// an unlocked Lock throws ProcessError "semaphore or lock released too many
// times". RLock: only the owner releases ("cannot release un-acquired lock"),
// re-entrant.
//
// Robustness (docs/RELIABILITY.md, "A dead lock holder"): if the holder dies (terminate(), kill()),
// the next acquirer notices within ~50 ms, takes the lock over and records
// that the owner died, so a lab that kills a holder never hangs forever.
// Python's Lock cannot do that: a lock made with IfOwnerDies::StayLocked
// behaves as Python's does, and its waiters wait for ever (or until their
// timeout); a lab using one must end them itself.

#include <cstdint>
#include <optional>
#include <string>

namespace proclab {

namespace detail {
struct LockState;
}

class Lock
{
public:
    enum class IfOwnerDies
    {
        Recover,    // the next acquirer takes it over (not in Python)
        StayLocked, // Python: nobody will ever release it
    };
    explicit Lock(const std::string &name = "lock", IfOwnerDies ifOwnerDies = IfOwnerDies::Recover);
    static Lock fromHandle(std::int64_t handle); // in a spawned child: args carry handle()
    std::int64_t handle() const { return m_id; }

    // Python: acquire(block=True, timeout=None). false: not acquired.
    bool acquire(bool block = true, std::optional<double> timeoutSeconds = std::nullopt);
    void release();

    // `with lock:` — acquires now, releases at the end of the scope.
    class Guard
    {
    public:
        explicit Guard(Lock &lock) : m_lock(lock) { m_lock.acquire(); }
        ~Guard() { m_lock.release(); }
        Guard(const Guard &) = delete;
        Guard &operator=(const Guard &) = delete;

    private:
        Lock &m_lock;
    };

protected:
    Lock(detail::LockState *state, std::int64_t id) : m_state(state), m_id(id) {}
    detail::LockState *m_state;
    std::int64_t m_id;
};

namespace detail {
// What a synchronized Value or Array does around each read and each write,
// as Python's do (sharedctypes: the `value` property's getter and setter
// each take the object's lock): holds the lock for one access, untraced
// (Python's tracer shows these neither), and does nothing when this process
// holds it already (`with counter.get_lock(): counter.value += 1`).
class AccessHold
{
public:
    explicit AccessHold(std::int64_t lockHandle);
    ~AccessHold();
    AccessHold(const AccessHold &) = delete;
    AccessHold &operator=(const AccessHold &) = delete;

private:
    LockState *m_state;
    bool m_took;
};
} // namespace detail

class RLock : public Lock
{
public:
    explicit RLock(const std::string &name = "rlock");
    static RLock fromHandle(std::int64_t handle);
    bool acquire(bool block = true, std::optional<double> timeoutSeconds = std::nullopt);
    void release();

private:
    RLock(detail::LockState *state, std::int64_t id) : Lock(state, id) {}
};

} // namespace proclab
