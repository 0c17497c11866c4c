#include "value.h"

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
} // namespace detail

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
    const std::int64_t w = m_state->word.load();
    trace::here(RecordKind::Read, w, m_id);
    return unpackValue(w);
}

void Value::set_value(std::int32_t v)
{
    // The VALUE stored is the caller's, whatever happened since it read: that
    // is the race the labs show. Only the version count is kept exact.
    std::int64_t old = m_state->word.load();
    std::int64_t next;
    do
        next = packValue(v, unpackVersion(old) + 1);
    while (!m_state->word.compare_exchange_weak(old, next));
    trace::here(RecordKind::Write, next, m_id);
}

Lock Value::get_lock() const
{
    return Lock::fromHandle(m_state->lockHandle);
}

} // namespace proclab
