#pragma once
// multiprocessing.Queue and JoinableQueue in the run's shared memory: a ring
// of fixed-size slots under a shared mutex, with futex waits for "not full",
// "not empty" and "all tasks done". Every put and get is recorded with the
// depth after it (taken under the queue's mutex, so the trace's depth is
// exact); blocked time is recorded as `wait:put` / `wait:get` /
// `wait:join-queue`.
//
// Items are integers, strings of at most kMaxItemBytes, or None (the usual
// sentinel). maxsize <= 0 means unbounded, up to kUnboundedCapacity items.
// Errors: put on a full queue without blocking (or past its timeout) throws
// Full; get on an empty one throws Empty. As in Python, a timeout of 0 (or
// less) does not wait at all and only no timeout (None) waits for ever. A
// string longer than kMaxItemBytes throws ProcessError;
// JoinableQueue::task_done() called more often than items were got throws
// ProcessError "task_done() called too many times".

#include "args.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/types.h>

namespace proclab {

struct Full : std::runtime_error
{
    Full() : std::runtime_error("queue.Full") {}
};
struct Empty : std::runtime_error
{
    Empty() : std::runtime_error("queue.Empty") {}
};

namespace detail {
struct QueueState;
}

class Queue
{
public:
    static constexpr int kMaxItemBytes = 200;
    static constexpr int kUnboundedCapacity = 100'000;
    static constexpr int kMaxSize = 100'000;

    explicit Queue(const std::string &name = "queue", int maxsize = 0);
    static Queue fromHandle(std::int64_t handle);
    std::int64_t handle() const { return m_id; }

    void put(const Arg &item, bool block = true, std::optional<double> timeoutSeconds = {});
    Arg get(bool block = true, std::optional<double> timeoutSeconds = {});
    void put_nowait(const Arg &item) { put(item, false); }
    Arg get_nowait() { return get(false); }

    // Snapshots: true when asked, maybe not a moment later (as in Python).
    int qsize() const;
    bool empty() const { return qsize() == 0; }
    bool full() const;
    int maxsize() const;

    // ProcLab's own bookkeeping for lab summaries (not Python API): items
    // (None excluded) put and got so far, and the deepest the queue has been.
    struct Totals
    {
        std::int64_t put = 0;
        std::int64_t got = 0;
        std::int64_t maxDepth = 0;
    };
    Totals totals() const;
    // True while process `pid` is blocked in get() on this queue and the
    // queue is empty: read under the queue's mutex, so a get() that has just
    // returned an item never counts. A lab that knows nothing more will be
    // put learns from it that the process waits for ever (Python's program
    // learns the same from an Event set around get() and a count of gets).
    bool waiting_in_get(pid_t pid) const;

protected:
    Queue(detail::QueueState *state, std::int64_t id) : m_state(state), m_id(id) {}
    Queue(const std::string &name, int maxsize, bool joinable);
    detail::QueueState *m_state;
    std::int64_t m_id;
};

class JoinableQueue : public Queue
{
public:
    explicit JoinableQueue(const std::string &name = "queue", int maxsize = 0)
        : Queue(name, maxsize, true)
    {
    }
    static JoinableQueue fromHandle(std::int64_t handle);

    void task_done();
    void join(); // until every item put has been marked done

private:
    JoinableQueue(detail::QueueState *state, std::int64_t id) : Queue(state, id) {}
};

} // namespace proclab
