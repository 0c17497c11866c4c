#pragma once
// multiprocessing.Value('i'): a shared 32-bit integer with its own Lock.
// value() and set_value() are what `counter.value` and `counter.value = v`
// do in Python; both are recorded (`read` / `write` with the value), so
// `counter.set_value(counter.value() + 1)` shows its read-modify-write and a
// lost update can be pinned to the write that caused it.

#include "lock.h"

#include <cstdint>
#include <string>

namespace proclab {

namespace detail {
struct ValueState;
}

class Value
{
public:
    explicit Value(const std::string &name, std::int32_t initial = 0);
    static Value fromHandle(std::int64_t handle);
    std::int64_t handle() const { return m_id; }

    std::int32_t value() const;     // a traced read
    void set_value(std::int32_t v); // a traced write
    Lock get_lock() const;

private:
    Value(detail::ValueState *state, std::int64_t id) : m_state(state), m_id(id) {}
    detail::ValueState *m_state;
    std::int64_t m_id;
};

} // namespace proclab
