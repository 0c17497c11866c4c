#include "value.h"

#include "lock.h"
#include "process.h"
#include "sharedheap.h"
#include "tracewriter.h"

#include <atomic>

namespace proclab {

namespace detail {
struct ValueState
{
    std::atomic<std::int64_t> word; // packValue(value, version)
    std::int64_t lockHandle;
};

struct ArrayState
{
    std::int64_t length;
    std::int64_t lockHandle;
    std::atomic<std::int64_t> words[1]; // length of them: packValue(value, version)
};
} // namespace detail

namespace {
// A traced write that stores the caller's value and counts the write (Value's rule).
std::int64_t storeCounted(std::atomic<std::int64_t> &word, std::int32_t v)
{
    std::int64_t old = word.load();
    std::int64_t next;
    do
        next = packValue(v, unpackVersion(old) + 1);
    while (!word.compare_exchange_weak(old, next));
    return next;
}

// One access as CPython makes it: under the object's lock (untraced, as the
// Python tracer leaves it out). `access` reads or writes and returns the
// packed word. The access is timed and recorded after the release, so neither
// the clock read (about 11 ns) nor the record lengthens the hold the other
// processes wait on: timed inside it, four processes sharing a counter ran
// 1.2-1.4x as long traced as untraced, 1.05x now. The time is thus a little
// late, or, if the process is interrupted right after the release, late by
// that much: the host puts the times back in the order the versions prove
// (engine/trace/accessorder.h). Returns the word.
template <class Access>
std::int64_t heldAccess(std::int64_t lockHandle, RecordKind kind, std::int64_t id, Access access)
{
    std::int64_t word;
    {
        const detail::AccessHold hold(lockHandle);
        word = access();
    }
    trace::hereAt(trace::stampFor(kind), kind, word, id);
    return word;
}
} // namespace

Value::Value(const std::string &name, std::int32_t initial) : m_state(nullptr), m_id(0)
{
    const Lock lock(name + ".lock");
    m_state = new (SharedHeap::allocate(sizeof(detail::ValueState)))
        detail::ValueState{{packValue(initial, 0)}, lock.handle()};
    m_id = SharedHeap::offsetOf(m_state);
    trace::here(RecordKind::ObjectDecl, m_id, std::int64_t(ObjectType::Value), name);
}

Value Value::fromHandle(std::int64_t handle)
{
    return Value(static_cast<detail::ValueState *>(SharedHeap::at(handle)), handle);
}

std::int32_t Value::value() const
{
    return unpackValue(heldAccess(m_state->lockHandle, RecordKind::Read, m_id,
                                  [&] { return m_state->word.load(); }));
}

void Value::set_value(std::int32_t v)
{
    // The VALUE stored is the caller's, whatever happened since it read: that
    // is the race the labs show. Only the version count is kept exact.
    heldAccess(m_state->lockHandle, RecordKind::Write, m_id,
               [&] { return storeCounted(m_state->word, v); });
}

Lock Value::get_lock() const
{
    return Lock::fromHandle(m_state->lockHandle);
}

} // namespace proclab

namespace proclab {

Array::Array(const std::string &name, std::int64_t length) : m_state(nullptr), m_id(0)
{
    if (length < 0 || length > kMaxLength)
        throw ProcessError("Array length must be 0–" + std::to_string(kMaxLength) + ", got " +
                           std::to_string(length));
    const Lock lock(name + ".lock");
    void *mem = SharedHeap::allocate(sizeof(detail::ArrayState) +
                                     sizeof(std::atomic<std::int64_t>) * std::size_t(length));
    m_state = new (mem) detail::ArrayState{length, lock.handle(), {}};
    for (std::int64_t i = 0; i < length; ++i)
        new (&m_state->words[i]) std::atomic<std::int64_t>(packValue(0, 0));
    m_id = SharedHeap::offsetOf(m_state);
    // Each element is a shared value of its own: "arr[0]", "arr[1]", ...
    for (std::int64_t i = 0; i < length; ++i)
        trace::here(RecordKind::ObjectDecl, elementId(i), std::int64_t(ObjectType::Value),
                    name + "[" + std::to_string(i) + "]");
}

Array Array::fromHandle(std::int64_t handle)
{
    return Array(static_cast<detail::ArrayState *>(SharedHeap::at(handle)), handle);
}

std::int64_t Array::size() const
{
    return m_state->length;
}

std::int64_t Array::elementId(std::int64_t i) const
{
    return SharedHeap::offsetOf(&m_state->words[i]);
}

std::int32_t Array::get(std::int64_t i) const
{
    if (i < 0 || i >= m_state->length)
        throw ProcessError("IndexError: invalid index");
    return unpackValue(heldAccess(m_state->lockHandle, RecordKind::Read, elementId(i),
                                  [&] { return m_state->words[i].load(); }));
}

void Array::set(std::int64_t i, std::int32_t v)
{
    if (i < 0 || i >= m_state->length)
        throw ProcessError("IndexError: invalid index");
    heldAccess(m_state->lockHandle, RecordKind::Write, elementId(i),
               [&] { return storeCounted(m_state->words[i], v); });
}

Lock Array::get_lock() const
{
    return Lock::fromHandle(m_state->lockHandle);
}

} // namespace proclab
