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
    std::atomic<std::int32_t> owner; // pid of the holder, 0 when free
    std::atomic<std::int32_t> waiters;
    std::int32_t depth;                 // RLock recursion, touched by the owner only
    bool stayLocked;                    // Lock::IfOwnerDies::StayLocked: never taken over
    std::atomic<std::int32_t> ownerCpu; // the holder's CPU when it took the lock
};
} // namespace detail

namespace {

using detail::futexWait;
using detail::futexWake;
using detail::kOwnerCheckMs;
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
    // look again before sleeping (spin.h), once per acquire.
    thread_local detail::SpinBudget budget(1'000, 20'000);
    bool looked = false;
    for (;;) {
        std::int32_t cur = s->owner.load();
        if (cur == 0) {
            if (s->owner.compare_exchange_weak(cur, me))
                break;
            continue;
        }
        if (!looked) {
            looked = true;
            if (budget.lookAgain(s->ownerCpu.load(std::memory_order_relaxed), [&] {
                    detail::cpuRelax();
                    return s->owner.load(std::memory_order_relaxed) == 0;
                }))
                continue;
        }
        int waitMs = kOwnerCheckMs;
        if (bounded) {
            const std::uint64_t now = trace::nowNs();
            if (now >= deadline) {
                here(RecordKind::LockWaitEnd, id, 0);
                return false;
            }
            waitMs = int(std::min<std::uint64_t>(kOwnerCheckMs, (deadline - now) / 1'000'000 + 1));
        }
        s->waiters.fetch_add(1);
        const std::uint64_t before = trace::nowNs();
        futexWait(&s->owner, cur, waitMs);
        s->waiters.fetch_sub(1);
        // Still the same holder after a full check period: is it alive?
        if (!s->stayLocked && s->owner.load() == cur &&
            trace::nowNs() - before >= kOwnerCheckMs * 1'000'000ull && ownerDead(cur) &&
            s->owner.compare_exchange_strong(cur, me)) {
            recoveredFrom = cur;
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
    s->owner.store(0);
    if (s->waiters.load() > 0)
        futexWake(&s->owner);
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
      m_took(m_state->owner.load(std::memory_order_relaxed) != selfPid())
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
    if (m_state->owner.load() == detail::selfPid()) {
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
    if (m_state->owner.load() != detail::selfPid())
        throw ProcessError("cannot release un-acquired lock");
    if (--m_state->depth == 0)
        releaseHeld(m_state, m_id);
}

} // namespace proclab
