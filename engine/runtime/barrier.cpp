#include "barrier.h"

#include "futex.h"
#include "process.h"
#include "sharedheap.h"
#include "tracewriter.h"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cmath>

namespace proclab {

namespace detail {
// `round` is the futex word the waiters sleep on. It counts rounds in steps
// of 2 and has bit 0 set once the barrier is broken, so a waiter that wakes
// to a changed word tells "my round opened" (it moved on by 2, whatever
// happened after) from "my round broke" (only bit 0 changed).
struct BarrierState
{
    ShmMutex mutex;
    std::atomic<std::uint32_t> round;
    std::int32_t parties;
    std::int32_t arrived; // in the current round, under mutex
};
} // namespace detail

namespace {

constexpr std::uint32_t kBroken = 1;

[[noreturn]] void throwBroken(std::int64_t id)
{
    trace::here(RecordKind::SyncWaitEnd, id, 0);
    throw ProcessError("threading.BrokenBarrierError");
}

// Under the mutex: marks the barrier broken and wakes everyone waiting on it.
void breakLocked(detail::BarrierState *s)
{
    s->arrived = 0;
    s->round.fetch_or(kBroken);
    detail::futexWake(&s->round, INT_MAX);
}

} // namespace

Barrier::Barrier(int parties, const std::string &name) : m_state(nullptr), m_id(0)
{
    // Python 3.11 accepts 0 and then every wait() hangs; 3.13 raises
    // ValueError "parties must be > 0". A lab is better served by the latter.
    if (parties < 1)
        throw ProcessError("Barrier(): parties must be > 0, got " + std::to_string(parties));
    m_state = new (SharedHeap::allocate(sizeof(detail::BarrierState))) detail::BarrierState{};
    m_state->parties = parties;
    m_id = SharedHeap::offsetOf(m_state);
    trace::here(RecordKind::ObjectDecl, m_id, std::int64_t(ObjectType::Barrier), name);
}

Barrier Barrier::fromHandle(std::int64_t handle)
{
    return Barrier(static_cast<detail::BarrierState *>(SharedHeap::at(handle)), handle);
}

int Barrier::wait(std::optional<double> timeoutSeconds)
{
    detail::BarrierState *s = m_state;
    trace::here(RecordKind::SyncWaitBegin, m_id, std::int64_t(SyncWait::Barrier));
    s->mutex.lock();
    const std::uint32_t mine = s->round.load();
    if (mine & kBroken) {
        s->mutex.unlock();
        throwBroken(m_id);
    }
    const int index = s->arrived++;
    if (s->arrived == s->parties) { // the last party opens the round for all
        s->arrived = 0;
        s->round.store(mine + 2);
        s->mutex.unlock();
        detail::futexWake(&s->round, INT_MAX);
        trace::here(RecordKind::SyncWaitEnd, m_id, 1);
        return index;
    }
    s->mutex.unlock();
    const bool bounded = timeoutSeconds.has_value() && std::isfinite(*timeoutSeconds);
    const std::uint64_t deadline =
        trace::nowNs() + (bounded ? std::uint64_t(std::max(0.0, *timeoutSeconds) * 1e9) : 0);
    for (std::uint32_t now = s->round.load(); now == mine; now = s->round.load()) {
        int ms = INT_MAX;
        if (bounded) {
            const std::uint64_t t = trace::nowNs();
            if (t >= deadline) { // Python: the waiter that timed out breaks the barrier
                s->mutex.lock();
                if (s->round.load() == mine)
                    breakLocked(s);
                s->mutex.unlock();
                break;
            }
            ms = int(std::min<std::uint64_t>(INT_MAX, (deadline - t) / 1'000'000 + 1));
        }
        detail::futexWait(&s->round, mine, ms);
    }
    if (s->round.load() == (mine | kBroken))
        throwBroken(m_id);
    trace::here(RecordKind::SyncWaitEnd, m_id, 1);
    return index;
}

void Barrier::abort()
{
    trace::here(RecordKind::SyncOp, m_id, std::int64_t(SyncOpKind::Abort));
    m_state->mutex.lock();
    breakLocked(m_state);
    m_state->mutex.unlock();
}

int Barrier::parties() const
{
    return m_state->parties;
}

int Barrier::n_waiting() const
{
    m_state->mutex.lock();
    const int n = m_state->arrived;
    m_state->mutex.unlock();
    return n;
}

bool Barrier::broken() const
{
    return (m_state->round.load() & kBroken) != 0;
}

} // namespace proclab
