#pragma once
// multiprocessing.Queue as CPython builds it (Lib/multiprocessing/queues.py),
// for labs whose story depends on that design (ipc-compare): ONE one-way
// pipe; put() hands the item to a feeder thread of the putting process, which
// pickles it and writes it to the pipe under a write lock; get() reads one
// message under a read lock shared by every reader and unpickles it. So a
// Queue does everything a Pipe does, and more: that is why CPython's Queue
// is slower than its Pipe (the course: 队列基于管道+锁).
//
// ProcLab's own Queue (queue.h) is a shared-memory ring: the labs that show
// blocking, depth and sentinels use it. This one is unbounded (Queue()),
// not traced per item, and holds what Arg holds.
//
// As in Python, items put by a process are written by its feeder thread
// later: join_thread() (called by the destructor in the putting process, as
// Python does at process exit) waits until all of them are in the pipe.
// Errors: ProcessError when the pipe cannot be made or read; put() after
// close() throws ProcessError "Queue is closed".

#include "args.h"

#include <cstdint>
#include <memory>
#include <string>

namespace proclab {

namespace detail {
struct PipeQueueLocks;
struct PipeQueueFeeder;
} // namespace detail

class PipeQueue
{
public:
    explicit PipeQueue(const std::string &name = "queue");
    ~PipeQueue();
    PipeQueue(PipeQueue &&o) noexcept;
    PipeQueue &operator=(PipeQueue &&) = delete;
    PipeQueue(const PipeQueue &) = delete;
    PipeQueue &operator=(const PipeQueue &) = delete;

    // Passing it to a child: Process(fn, Args{q.handle()}), then fromHandle().
    std::string handle() const;
    static PipeQueue fromHandle(const std::string &handle);

    void put(const Arg &item); // never blocks: the feeder thread writes it
    Arg get();                 // blocks until a message is there
    void close();              // this process puts no more
    void join_thread();        // until this process's feeder has written every item
    void closeFds();           // a process that neither puts nor gets any more

private:
    PipeQueue(int reader, int writer, std::int64_t id);

    int m_reader = -1;
    int m_writer = -1;
    std::int64_t m_id = 0; // the locks' shared-heap offset
    detail::PipeQueueLocks *m_locks = nullptr;
    std::unique_ptr<detail::PipeQueueFeeder> m_feeder; // started by the first put()
    bool m_closed = false;
};

} // namespace proclab
