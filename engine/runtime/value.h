#pragma once
// multiprocessing.Value('i'): a shared 32-bit integer with its own Lock, and
// multiprocessing.Array('i', n) (below).
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

// multiprocessing.Array('i', length): `length` shared 32-bit integers, all 0
// at the start, and one Lock for the whole array (get_lock()). Every element
// is a shared value of its own in the trace ("arr[3]"), read and written as
// Value's are, so lost updates are found per element. Errors: an index
// outside 0..length-1 throws ProcessError "IndexError: invalid index".
namespace detail {
struct ArrayState;
}

class Array
{
public:
    static constexpr std::int64_t kMaxLength = 100'000;

    Array(const std::string &name, std::int64_t length);
    static Array fromHandle(std::int64_t handle);
    std::int64_t handle() const { return m_id; }

    std::int64_t size() const;                 // len(arr)
    std::int32_t get(std::int64_t i) const;    // arr[i]: a traced read
    void set(std::int64_t i, std::int32_t v);  // arr[i] = v: a traced write
    Lock get_lock() const;

private:
    Array(detail::ArrayState *state, std::int64_t id) : m_state(state), m_id(id) {}
    std::int64_t elementId(std::int64_t i) const;
    detail::ArrayState *m_state;
    std::int64_t m_id;
};

} // namespace proclab
