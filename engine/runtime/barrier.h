#pragma once
// multiprocessing.Barrier, shared by real processes through the run's shared
// heap: wait() blocks until `parties` processes have called it, then all of
// them go on together and the barrier is ready for the next round. Every
// wait() is recorded as a `wait:barrier` interval, as the Python tracer
// records Barrier.wait() (the last party's is a few microseconds long).
//
// As Python's: wait() returns the caller's arrival index (0 .. parties-1); a
// wait that times out breaks the barrier, and then every waiter and every
// later wait() throws ProcessError "threading.BrokenBarrierError". abort()
// breaks it at once. A party that dies before it arrives leaves the others
// waiting (Python's do too): give wait() a timeout where that can happen.

#include <cstdint>
#include <optional>
#include <string>

namespace proclab {

namespace detail {
struct BarrierState;
}

class Barrier
{
public:
    explicit Barrier(int parties, const std::string &name = "barrier");
    static Barrier fromHandle(std::int64_t handle); // in a spawned child: args carry handle()
    std::int64_t handle() const { return m_id; }

    int wait(std::optional<double> timeoutSeconds = std::nullopt);
    void abort();
    int parties() const;
    int n_waiting() const;
    bool broken() const;

private:
    Barrier(detail::BarrierState *state, std::int64_t id) : m_state(state), m_id(id) {}
    detail::BarrierState *m_state;
    std::int64_t m_id;
};

} // namespace proclab
