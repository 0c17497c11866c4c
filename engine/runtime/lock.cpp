#include "lock.h"

#include "futex.h"

#include "process.h"
#include "sharedheap.h"
#include "spin.h"
#include "tracewriter.h"

#include <atomic>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace proclab {

namespace detail {
struct LockState
{
    std::atomic<std::int32_t> owner; // a holder word (futex.h): pid of the holder, 0 when free
    std::int32_t depth;                 // RLock recursion, touched by the owner only
    bool stayLocked;                    // Lock::IfOwnerDies::StayLocked: never taken over
    std::atomic<std::int32_t> ownerCpu; // the holder's CPU when it took the lock
};
} // namespace detail

namespace {

using detail::holderOf;
using detail::kOwnerCheckMs;
using detail::kSleepersBit;
using detail::ownerDead;

detail::LockState *newState(const std::string &name, ObjectType type, std::int64_t *id)
{
    auto *s = new (SharedHeap::allocate(sizeof(detail::LockState))) detail::LockState{};
    *id = SharedHeap::offsetOf(s);
    trace::here(RecordKind::ObjectDecl, *id, std::int64_t(type), name);
    return s;
}

// The shared part of acquire for Lock and RLock.
bool acquireFree(detail::LockState *s, std::int64_t id, bool block,
                 std::optional<double> timeoutSeconds, bool traced = true)
{
    const auto here = [traced](RecordKind kind, std::int64_t a, std::int64_t b = 0) {
        if (traced)
            trace::here(kind, a, b);
    };
    const std::int32_t me = detail::selfPid();
    std::int32_t mine = me; // | kSleepersBit once this process has slept (others may too)
    std::int32_t expected = 0;
    if (s->owner.compare_exchange_strong(expected, me)) {
        s->ownerCpu.store(detail::currentCpu(), std::memory_order_relaxed);
        here(RecordKind::LockHoldBegin, id);
        return true;
    }
    if (!block)
        return false;
    here(RecordKind::LockWaitBegin, id);
    const bool bounded = timeoutSeconds.has_value();
    const double limit =
        bounded && std::isfinite(*timeoutSeconds) ? std::max(0.0, *timeoutSeconds) : 0;
    const std::uint64_t deadline = trace::nowNs() + std::uint64_t(limit * 1e9);
    std::int32_t recoveredFrom = 0;
    // A holder running on another CPU usually lets go within microseconds:
    // try to take it for a while before sleeping (spin.h), once per acquire.
    // The tries go on after one is lost: a holder that takes the lock again
    // at once (a loop of increments) often wins the first, and a waiter that
    // slept then would wake within a microsecond to a futex already changed.
    thread_local detail::SpinBudget budget(1'000, 20'000);
    bool looked = false;
    for (;;) {
        std::int32_t cur = s->owner.load();
        if (cur == 0) {
            if (s->owner.compare_exchange_weak(cur, mine))
                break;
            continue;
        }
        if (!looked) {
            looked = true;
            if (budget.lookAgain(s->ownerCpu.load(std::memory_order_relaxed), [&] {
                    detail::cpuRelax();
                    std::int32_t seen = s->owner.load(std::memory_order_relaxed);
                    return seen == 0 && s->owner.compare_exchange_weak(seen, mine);
                }))
                break; // taken
            continue;
        }
        int waitMs = kOwnerCheckMs;
        if (bounded) {
            const std::uint64_t now = trace::nowNs();
            if (now >= deadline) {
                if (mine != me) // woken, maybe by a release meant for all: hand it on
                    detail::futexWake(&s->owner);
                here(RecordKind::LockWaitEnd, id, 0);
                return false;
            }
            waitMs = int(std::min<std::uint64_t>(kOwnerCheckMs, (deadline - now) / 1'000'000 + 1));
        }
        const std::uint64_t before = trace::nowNs();
        if (detail::sleepWhileHeld(s->owner, cur, waitMs))
            mine = me | kSleepersBit;
        // Still the same holder after a full check period: is it alive?
        cur |= kSleepersBit;
        if (!s->stayLocked && s->owner.load() == cur &&
            trace::nowNs() - before >= kOwnerCheckMs * 1'000'000ull && ownerDead(holderOf(cur)) &&
            s->owner.compare_exchange_strong(cur, mine)) {
            recoveredFrom = holderOf(cur);
            s->depth = 0;
            break;
        }
    }
    s->ownerCpu.store(detail::currentCpu(), std::memory_order_relaxed);
    here(RecordKind::LockWaitEnd, id, recoveredFrom);
    here(RecordKind::LockHoldBegin, id);
    return true;
}

void releaseHeld(detail::LockState *s, std::int64_t id, bool traced = true)
{
    detail::releaseHolder(s->owner);
    if (traced)
        trace::here(RecordKind::LockHoldEnd, id);
}

} // namespace

Lock::Lock(const std::string &name, IfOwnerDies ifOwnerDies) : m_state(nullptr), m_id(0)
{
    m_state = newState(name, ObjectType::Lock, &m_id);
    m_state->stayLocked = ifOwnerDies == IfOwnerDies::StayLocked;
}

Lock Lock::fromHandle(std::int64_t handle)
{
    return Lock(static_cast<detail::LockState *>(SharedHeap::at(handle)), handle);
}

bool Lock::acquire(bool block, std::optional<double> timeoutSeconds)
{
    return acquireFree(m_state, m_id, block, timeoutSeconds);
}

void Lock::release()
{
    if (m_state->owner.load() == 0)
        throw ProcessError("semaphore or lock released too many times");
    releaseHeld(m_state, m_id);
}

detail::AccessHold::AccessHold(std::int64_t lockHandle)
    : m_state(static_cast<LockState *>(SharedHeap::at(lockHandle))),
      m_took(holderOf(m_state->owner.load(std::memory_order_relaxed)) != selfPid())
{
    if (m_took)
        acquireFree(m_state, lockHandle, true, std::nullopt, false);
}

detail::AccessHold::~AccessHold()
{
    if (m_took)
        releaseHeld(m_state, 0, false);
}

RLock::RLock(const std::string &name) : Lock(nullptr, 0)
{
    m_state = newState(name, ObjectType::RLock, &m_id);
}

RLock RLock::fromHandle(std::int64_t handle)
{
    return RLock(static_cast<detail::LockState *>(SharedHeap::at(handle)), handle);
}

bool RLock::acquire(bool block, std::optional<double> timeoutSeconds)
{
    if (holderOf(m_state->owner.load()) == detail::selfPid()) {
        ++m_state->depth;
        return true;
    }
    if (!acquireFree(m_state, m_id, block, timeoutSeconds))
        return false;
    m_state->depth = 1;
    return true;
}

void RLock::release()
{
    if (holderOf(m_state->owner.load()) != detail::selfPid())
        throw ProcessError("cannot release un-acquired lock");
    if (--m_state->depth == 0)
        releaseHeld(m_state, m_id);
}

} // namespace proclab
