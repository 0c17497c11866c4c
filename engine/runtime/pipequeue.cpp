#include "pipequeue.h"

#include "futex.h"
#include "process.h"
#include "sharedheap.h"
#include "tracerecord.h"
#include "tracewriter.h"
#include "wireframe.h"

#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unistd.h>
#include <utility>

namespace proclab {

namespace detail {

// Queue._rlock and Queue._wlock: shared by every process using the queue.
struct PipeQueueLocks
{
    ShmMutex read;
    ShmMutex write;
};

// Queue._buffer, ._notempty and ._thread: one per putting process.
struct PipeQueueFeeder
{
    pid_t owner = 0; // the process whose thread this is (a forked copy is not)
    std::mutex mutex;
    std::condition_variable notEmpty;
    std::deque<Arg> buffer;
    bool closing = false;
    std::thread thread;

    void run(int writer, PipeQueueLocks *locks)
    {
        std::string pickled;
        for (;;) {
            std::unique_lock<std::mutex> held(mutex);
            notEmpty.wait(held, [this] { return closing || !buffer.empty(); });
            if (buffer.empty())
                return; // closing, and everything is written
            Arg item = std::move(buffer.front());
            buffer.pop_front();
            held.unlock();
            pickled.clear();
            wire::putArg(item, &pickled); // _ForkingPickler.dumps(obj)
            locks->write.lock();          // with self._wlock: send_bytes(obj)
            const bool ok = wire::writeFrame(writer, pickled);
            locks->write.unlock();
            if (!ok)
                return; // nobody can read any more (Python's feeder gives up too)
        }
    }
};

} // namespace detail

PipeQueue::PipeQueue(const std::string &name)
{
    signal(SIGPIPE, SIG_IGN); // a write to a gone reader fails instead of killing
    int fds[2];
    if (pipe(fds) != 0) // Pipe(duplex=False): not close-on-exec, a spawned child inherits it
        throw ProcessError(std::string("Queue() failed: ") + std::strerror(errno));
    m_reader = fds[0];
    m_writer = fds[1];
    m_locks = new (SharedHeap::allocate(sizeof(detail::PipeQueueLocks))) detail::PipeQueueLocks{};
    m_id = SharedHeap::offsetOf(m_locks);
    trace::here(RecordKind::ObjectDecl, m_id, std::int64_t(ObjectType::Queue), name);
}

PipeQueue::PipeQueue(int reader, int writer, std::int64_t id)
    : m_reader(reader), m_writer(writer), m_id(id),
      m_locks(static_cast<detail::PipeQueueLocks *>(SharedHeap::at(id)))
{
}

PipeQueue::PipeQueue(PipeQueue &&o) noexcept
    : m_reader(std::exchange(o.m_reader, -1)), m_writer(std::exchange(o.m_writer, -1)),
      m_id(o.m_id), m_locks(o.m_locks), m_feeder(std::move(o.m_feeder)), m_closed(o.m_closed)
{
}

PipeQueue::~PipeQueue()
{
    join_thread(); // Python's finalizer at process exit: flush what this process put
    if (m_feeder && m_feeder->owner != ::getpid())
        (void)m_feeder.release(); // a forked copy of another process's feeder: not ours to end
    closeFds();
}

std::string PipeQueue::handle() const
{
    return "pipequeue:" + std::to_string(m_reader) + ":" + std::to_string(m_writer) + ":" +
           std::to_string(m_id);
}

PipeQueue PipeQueue::fromHandle(const std::string &handle)
{
    int reader = -1, writer = -1;
    long long id = 0;
    if (std::sscanf(handle.c_str(), "pipequeue:%d:%d:%lld", &reader, &writer, &id) != 3 ||
        reader < 0 || writer < 0)
        throw ProcessError("not a queue handle: " + handle);
    return PipeQueue(reader, writer, id);
}

void PipeQueue::put(const Arg &item)
{
    if (m_closed)
        throw ProcessError("Queue is closed");
    if (!m_feeder || m_feeder->owner != ::getpid()) {
        // Started at the first put() of this process (a forked child starts its own).
        (void)m_feeder.release(); // a copy inherited through fork: its thread is not ours
        m_feeder = std::make_unique<detail::PipeQueueFeeder>();
        m_feeder->owner = ::getpid();
        m_feeder->thread = std::thread(&detail::PipeQueueFeeder::run, m_feeder.get(), m_writer,
                                       m_locks);
    }
    {
        std::lock_guard<std::mutex> held(m_feeder->mutex);
        m_feeder->buffer.push_back(item);
    }
    m_feeder->notEmpty.notify_one();
}

Arg PipeQueue::get()
{
    std::string pickled;
    m_locks->read.lock(); // with self._rlock: res = self._recv_bytes()
    const wire::ReadResult r = wire::readFrame(m_reader, &pickled, 1 << 20);
    m_locks->read.unlock();
    if (r != wire::ReadResult::Ok)
        throw ProcessError(r == wire::ReadResult::Eof
                               ? std::string("Queue.get(): the pipe was closed")
                               : std::string("Queue.get() failed: ") + std::strerror(errno));
    std::string_view in(pickled);
    Arg item; // _ForkingPickler.loads(res)
    if (!wire::takeArg(&in, &item))
        throw ProcessError("Queue.get(): a message that is not a ProcLab item");
    return item;
}

void PipeQueue::close()
{
    m_closed = true;
    if (m_feeder && m_feeder->owner == ::getpid()) {
        {
            std::lock_guard<std::mutex> held(m_feeder->mutex);
            m_feeder->closing = true;
        }
        m_feeder->notEmpty.notify_one();
    }
}

void PipeQueue::join_thread()
{
    if (!m_feeder || m_feeder->owner != ::getpid())
        return;
    close();
    if (m_feeder->thread.joinable())
        m_feeder->thread.join();
}

void PipeQueue::closeFds()
{
    for (int *fd : {&m_reader, &m_writer})
        if (*fd >= 0) {
            ::close(*fd);
            *fd = -1;
        }
}

} // namespace proclab
