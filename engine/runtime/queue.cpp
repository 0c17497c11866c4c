#include "queue.h"

#include "futex.h"
#include "process.h"
#include "sharedheap.h"
#include "spin.h"
#include "tracewriter.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>

namespace proclab {

namespace detail {

// An item as put() builds it and get() hands it back.
struct QueueItem
{
    std::int64_t integer;
    std::uint8_t kind; // 0 None, 1 int, 2 string
    std::uint8_t length;
    char text[Queue::kMaxItemBytes];
};

// An item in the queue: 16 bytes, and a string's bytes in a text area of their
// own (kMaxItemBytes per slot, touched only by strings). 20,000 ints in an
// unbounded queue fill 80 pages of shared memory, not the 1,055 that whole
// 216-byte items would: every fresh page is a fault and a zeroed page.
struct QueueSlot
{
    std::int64_t integer;
    std::uint8_t kind;
    std::uint8_t length;
};

struct QueueState
{
    ShmMutex mutex;
    // Sequence words (futexes), bumped by 2 (see bump()); bit 0 marks that a
    // process may sleep on the word: a wake is a system call, made only then.
    std::atomic<std::uint32_t> notEmpty{0}; // bumped at every put
    std::atomic<std::uint32_t> notFull{0};  // bumped at every get
    std::atomic<std::uint32_t> allDone{0};  // bumped when unfinished drops to 0
    std::int32_t maxsize = 0;               // as given (<= 0: unbounded)
    std::int32_t capacity = 0;              // slots
    std::int64_t head = 0;                  // next get
    std::int64_t count = 0;
    std::int64_t unfinished = 0; // JoinableQueue: puts not yet task_done()
    bool joinable = false;
    std::int64_t itemsPut = 0; // None excluded
    std::int64_t itemsGot = 0;
    std::int64_t maxDepth = 0;
    // The CPU of the last put() and get() (-1: none yet): a waiter looks again
    // before sleeping only when the other side may be running (spin.h).
    std::atomic<std::int32_t> putterCpu{-1};
    std::atomic<std::int32_t> getterCpu{-1};
    // Pids blocked in get() (0: a free entry); written under the mutex.
    static constexpr int kMaxGetters = 128;
    std::int32_t getters[kMaxGetters] = {};
    QueueSlot items[1]; // capacity of them follow, then capacity texts

    char *textOf(std::int64_t slot)
    {
        return reinterpret_cast<char *>(items + capacity) + slot * Queue::kMaxItemBytes;
    }
    void store(std::int64_t slot, const QueueItem &from)
    {
        items[slot] = QueueSlot{from.integer, from.kind, from.length};
        if (from.kind == 2)
            std::memcpy(textOf(slot), from.text, from.length);
    }
    void load(std::int64_t slot, QueueItem *to)
    {
        to->integer = items[slot].integer;
        to->kind = items[slot].kind;
        to->length = items[slot].length;
        if (to->kind == 2)
            std::memcpy(to->text, textOf(slot), to->length);
    }
};

} // namespace detail

namespace {

using detail::QueueItem;
using detail::QueueState;

struct Deadline
{
    bool bounded;
    std::uint64_t at;
    // The clock is read only for a timeout that can still be waited for: a
    // put() or get() without one (most are) makes no clock call here.
    explicit Deadline(std::optional<double> timeout)
        : bounded(timeout.has_value()),
          at(timeout && *timeout > 0
                 ? trace::nowNs() + std::uint64_t((std::isfinite(*timeout) ? *timeout : 0.0) * 1e9)
                 : 0)
    {
    }
    // Milliseconds to wait next; -1 when the deadline has passed.
    int slice() const
    {
        if (!bounded)
            return 1000;
        const std::uint64_t now = trace::nowNs();
        if (now >= at)
            return -1;
        return int(std::min<std::uint64_t>(1000, (at - now) / 1'000'000 + 1));
    }
};

constexpr std::uint32_t kSleeping = 1; // bit 0 of a sequence word
constexpr std::uint32_t kStep = 2;

// Bumps `seq` (under the queue's mutex) and clears its sleeping mark. True
// when a process may be asleep on it: the caller then wakes them (after
// unlocking). A waiter woken once clears the mark for every later bump until
// it sleeps again, so a burst of puts to a sleeping getter costs ONE wake, not
// one per put while the woken getter has yet to run.
bool bump(std::atomic<std::uint32_t> &seq)
{
    std::uint32_t old = seq.load();
    while (!seq.compare_exchange_weak(old, (old + kStep) & ~kSleeping)) {
    }
    return (old & kSleeping) != 0;
}

void wakeAll(std::atomic<std::uint32_t> &seq)
{
    detail::futexWake(&seq, INT32_MAX); // each rechecks under the mutex
}

// Waits (mutex released) until `seq` moves or the deadline passes; false on timeout.
// No wake is missed: a waiter marks the word (compare-and-swap on the value it
// saw) before it sleeps, and the futex only sleeps while the word is still
// that marked value; a waker's bump changes the value and sees the mark.
bool waitForChange(QueueState *s, std::atomic<std::uint32_t> &seq, const Deadline &d,
                   const std::atomic<std::int32_t> &partnerCpu)
{
    const std::uint32_t seen = seq.load() & ~kSleeping;
    s->mutex.unlock();
    // The other side is usually a moment away (a producer on the other core):
    // look again before paying for a sleep and a wake (spin.h).
    thread_local detail::SpinBudget budget(1'000, 20'000);
    budget.lookAgain(partnerCpu.load(std::memory_order_relaxed), [&] {
        detail::cpuRelax();
        return (seq.load(std::memory_order_relaxed) & ~kSleeping) != seen;
    });
    const int ms = d.slice();
    if (ms >= 0) {
        std::uint32_t cur = seq.load();
        while (cur == seen && !seq.compare_exchange_weak(cur, seen | kSleeping)) {
        }
        if ((cur & ~kSleeping) == seen) // unchanged, and marked (by us or another waiter)
            detail::futexWait(&seq, seen | kSleeping, ms);
    }
    s->mutex.lock();
    return ms >= 0;
}

// Marks the caller as blocked in get() (or no longer); under the mutex.
void setGetter(QueueState *s, bool waiting)
{
    const std::int32_t me = detail::selfPid();
    for (std::int32_t &g : s->getters) {
        if (waiting ? g == 0 : g == me) {
            g = waiting ? me : 0;
            return;
        }
    }
}

// A put or get, timed `at` (under the queue's mutex, so the records of one
// queue are in the order the operations took effect) and written after the
// mutex is released: other processes do not wait while the record is written.
void record(RecordKind kind, std::int64_t id, std::int64_t depth, const QueueItem &item,
            std::uint64_t at)
{
    trace::write(kind, trace::boundPid(), packQueue(id, depth, item.kind == 0, item.kind == 2),
                 item.kind == 1 ? item.integer : 0,
                 item.kind == 2 ? std::string_view(item.text, item.length) : std::string_view(),
                 at);
}

} // namespace

Queue::Queue(const std::string &name, int maxsize) : Queue(name, maxsize, false) {}

Queue::Queue(const std::string &name, int maxsize, bool joinable) : m_state(nullptr), m_id(0)
{
    if (maxsize > kMaxSize)
        throw ProcessError("maxsize must be at most " + std::to_string(kMaxSize) + ", got " +
                           std::to_string(maxsize));
    const int capacity = maxsize > 0 ? maxsize : kUnboundedCapacity;
    void *mem = SharedHeap::allocate(
        sizeof(QueueState) + (sizeof(detail::QueueSlot) + kMaxItemBytes) * std::size_t(capacity));
    m_state = new (mem) QueueState{};
    m_state->maxsize = maxsize;
    m_state->capacity = capacity;
    m_state->joinable = joinable;
    m_id = SharedHeap::offsetOf(m_state);
    trace::here(RecordKind::ObjectDecl, m_id, std::int64_t(ObjectType::Queue), name);
}

Queue Queue::fromHandle(std::int64_t handle)
{
    return Queue(static_cast<QueueState *>(SharedHeap::at(handle)), handle);
}

JoinableQueue JoinableQueue::fromHandle(std::int64_t handle)
{
    return JoinableQueue(static_cast<QueueState *>(SharedHeap::at(handle)), handle);
}

void Queue::put(const Arg &item, bool block, std::optional<double> timeoutSeconds)
{
    QueueItem slot{};
    if (item.isNone()) {
        slot.kind = 0;
    } else if (item.isInt()) {
        slot.kind = 1;
        slot.integer = item.toInt();
    } else if (item.isList()) {
        throw ProcessError("queue items are integers, strings or None, got a list");
    } else {
        if (item.toString().size() > std::size_t(kMaxItemBytes))
            throw ProcessError("queue items are at most " + std::to_string(kMaxItemBytes) +
                               " bytes, got " + std::to_string(item.toString().size()));
        slot.kind = 2;
        slot.length = std::uint8_t(item.toString().size());
        std::memcpy(slot.text, item.toString().data(), slot.length);
    }
    QueueState *s = m_state;
    // As Python's: timeout=0 (or less) does not wait at all; only None waits for ever.
    if (timeoutSeconds && !(*timeoutSeconds > 0))
        block = false;
    const Deadline deadline(block ? timeoutSeconds : std::optional<double>(0.0));
    s->mutex.lock();
    bool waited = false;
    while (s->count >= s->capacity) {
        if (!block) {
            s->mutex.unlock();
            throw Full();
        }
        if (!waited) {
            trace::here(RecordKind::QueueWaitBegin, m_id, std::int64_t(QueueWait::Put));
            waited = true;
        }
        if (!waitForChange(s, s->notFull, deadline, s->getterCpu) && s->count >= s->capacity) {
            trace::here(RecordKind::QueueWaitEnd, m_id, std::int64_t(QueueWait::Put));
            s->mutex.unlock();
            throw Full();
        }
    }
    if (waited)
        trace::here(RecordKind::QueueWaitEnd, m_id, std::int64_t(QueueWait::Put));
    s->store((s->head + s->count) % s->capacity, slot);
    ++s->count;
    ++s->unfinished;
    s->itemsPut += slot.kind != 0;
    s->maxDepth = std::max(s->maxDepth, s->count);
    const std::int64_t depth = s->count;
    const std::uint64_t at = trace::stampInOrder(RecordKind::QueuePut);
    s->putterCpu.store(detail::currentCpu(), std::memory_order_relaxed);
    const bool wake = bump(s->notEmpty);
    s->mutex.unlock();
    if (wake)
        wakeAll(s->notEmpty);
    record(RecordKind::QueuePut, m_id, depth, slot, at);
}

Arg Queue::get(bool block, std::optional<double> timeoutSeconds)
{
    QueueState *s = m_state;
    if (timeoutSeconds && !(*timeoutSeconds > 0)) // timeout=0: raise at once, as Python does
        block = false;
    const Deadline deadline(block ? timeoutSeconds : std::optional<double>(0.0));
    s->mutex.lock();
    bool waited = false;
    while (s->count == 0) {
        if (!block) {
            s->mutex.unlock();
            throw Empty();
        }
        if (!waited) {
            trace::here(RecordKind::QueueWaitBegin, m_id, std::int64_t(QueueWait::Get));
            setGetter(s, true);
            waited = true;
        }
        if (!waitForChange(s, s->notEmpty, deadline, s->putterCpu) && s->count == 0) {
            setGetter(s, false);
            trace::here(RecordKind::QueueWaitEnd, m_id, std::int64_t(QueueWait::Get));
            s->mutex.unlock();
            throw Empty();
        }
    }
    if (waited) {
        setGetter(s, false);
        trace::here(RecordKind::QueueWaitEnd, m_id, std::int64_t(QueueWait::Get));
    }
    QueueItem slot;
    s->load(s->head, &slot);
    s->head = (s->head + 1) % s->capacity;
    // Emptied: the next put starts again at the first slot. A consumer that
    // keeps up then reuses the same few (warm) slots instead of walking the
    // whole unbounded area, where every 19th item would touch a fresh page of
    // shared memory (a page fault and a zeroed page each).
    if (--s->count == 0)
        s->head = 0;
    s->itemsGot += slot.kind != 0;
    const std::int64_t depth = s->count;
    const std::uint64_t at = trace::stampInOrder(RecordKind::QueueGet);
    s->getterCpu.store(detail::currentCpu(), std::memory_order_relaxed);
    const bool wake = bump(s->notFull);
    s->mutex.unlock();
    if (wake)
        wakeAll(s->notFull);
    record(RecordKind::QueueGet, m_id, depth, slot, at);
    if (slot.kind == 0)
        return Arg();
    if (slot.kind == 1)
        return Arg(slot.integer);
    return Arg(std::string(slot.text, slot.length));
}

int Queue::qsize() const
{
    m_state->mutex.lock();
    const int n = int(m_state->count);
    m_state->mutex.unlock();
    return n;
}

bool Queue::full() const
{
    m_state->mutex.lock();
    const bool f = m_state->maxsize > 0 && m_state->count >= m_state->capacity;
    m_state->mutex.unlock();
    return f;
}

bool Queue::waiting_in_get(pid_t pid) const
{
    m_state->mutex.lock();
    bool waiting = false;
    for (const std::int32_t g : m_state->getters)
        waiting = waiting || (pid != 0 && g == pid);
    waiting = waiting && m_state->count == 0;
    m_state->mutex.unlock();
    return waiting;
}

int Queue::maxsize() const
{
    return m_state->maxsize;
}

Queue::Totals Queue::totals() const
{
    m_state->mutex.lock();
    const Totals t{m_state->itemsPut, m_state->itemsGot, m_state->maxDepth};
    m_state->mutex.unlock();
    return t;
}

void JoinableQueue::task_done()
{
    QueueState *s = m_state;
    s->mutex.lock();
    if (s->unfinished <= 0) {
        s->mutex.unlock();
        throw ProcessError("task_done() called too many times");
    }
    const std::int64_t left = --s->unfinished;
    trace::here(RecordKind::QueueTaskDone, packQueue(m_id, left));
    const bool wake = left == 0 && bump(s->allDone);
    s->mutex.unlock();
    if (wake)
        wakeAll(s->allDone);
}

void JoinableQueue::join()
{
    QueueState *s = m_state;
    const Deadline forever(std::nullopt);
    s->mutex.lock();
    if (s->unfinished > 0) {
        trace::here(RecordKind::QueueWaitBegin, m_id, std::int64_t(QueueWait::Join));
        while (s->unfinished > 0)
            waitForChange(s, s->allDone, forever, s->getterCpu);
        trace::here(RecordKind::QueueWaitEnd, m_id, std::int64_t(QueueWait::Join));
    }
    s->mutex.unlock();
}

} // namespace proclab
