// Lab "ipc-compare": the same transfer, one producer process -> one consumer
// process, through the channels the course names (resources/notes/ipc-compare.py):
//   file           a file under a lock: the producer appends, the consumer polls it
//   pipe           Pipe(duplex=False): one pipe, a message per send
//   queue          multiprocessing.Queue as CPython builds it (PipeQueue): the same
//                  pipe, plus a feeder thread that pickles, plus locks. In CPython
//                  that extra work is Python code and makes the Queue 2-3x slower
//                  than the Pipe; compiled, it costs less than the pipe's system
//                  calls, so here the two run at about the same speed (either may
//                  come out ahead in a run).
//   shared-memory  an Array both processes map, a ring of slots handed over with
//                  two semaphores: no message is copied through the kernel
//   manager        a Manager list: every append and read is a request to its server
//
//   for channel in ...:
//       producer: for i in range(messages): send("x" * size_bytes)
//       consumer: for i in range(messages): receive()
//
// Each message's send and receive times go to shared memory (not the trace:
// tracing every message would dominate the timing); the trace shows each
// channel's phase on every lane. Summary "methods": one row per channel with
// msgs_per_s (first send to last receive) and latency_us (mean send->receive).
#include "labs.h"
#include "labutil.h"
#include "manager.h"
#include "futex.h"
#include "pipe.h"
#include "pipequeue.h"
#include "queue.h"
#include "runtime.h"
#include "sharedheap.h"
#include "tracewriter.h"
#include "translatable.h"

#include <atomic>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <sys/file.h>
#include <unistd.h>

namespace proclab::labs {
namespace {

const char *const kMethods[] = {"file", "pipe", "queue", "shared-memory", "manager"};
constexpr std::int64_t kSlots = 1024; // the shared-memory ring: the producer may be this far ahead

// multiprocessing.Semaphore for the ring: a count in shared memory; acquire()
// sleeps on a futex while it is 0.
struct RingSemaphore
{
    std::atomic<std::int32_t> count;
    std::atomic<std::int32_t> sleepers;
    void acquire()
    {
        for (int spin = 0;; ++spin) {
            std::int32_t c = count.load();
            if (c > 0 && count.compare_exchange_weak(c, c - 1))
                return;
            if (c > 0)
                continue;
            if (spin < 64) {
                detail::cpuRelax();
                continue;
            }
            sleepers.fetch_add(1);
            detail::futexWait(&count, 0, 100);
            sleepers.fetch_sub(1);
        }
    }
    void release()
    {
        count.fetch_add(1);
        if (sleepers.load() > 0)
            detail::futexWake(&count);
    }
};

// Array("c", kSlots * size) and the two semaphores, in the run's shared memory.
struct SharedRing
{
    RingSemaphore free;
    RingSemaphore ready;
    char bytes[1]; // kSlots * size follow
    static std::int64_t create(std::int64_t size)
    {
        void *mem = SharedHeap::allocate(sizeof(SharedRing) + std::size_t(kSlots * size));
        auto *ring = new (mem) SharedRing{};
        ring->free.count = std::int32_t(kSlots);
        return SharedHeap::offsetOf(ring);
    }
    static SharedRing *at(const std::string &handle)
    {
        return static_cast<SharedRing *>(SharedHeap::at(std::stoll(handle)));
    }
};

// Times of every message, in the run's shared memory: [0] = messages got
// with the right size, then send times, then receive times (ns).
struct Timing
{
    std::int64_t *base;
    std::int64_t n;
    Timing(std::int64_t offset, std::int64_t n)
        : base(static_cast<std::int64_t *>(SharedHeap::at(offset))), n(n)
    {
    }
    std::int64_t &valid() { return base[0]; }
    std::int64_t &sent(std::int64_t k) { return base[1 + k]; }
    std::int64_t &received(std::int64_t k) { return base[1 + n + k]; }
};

std::int64_t now()
{
    return std::int64_t(trace::nowNs());
}

// args: method, channel (path or handle), timing offset, messages, size_bytes
void ipcProducer(const Args &a)
{
    trace::setMessageTracing(false);
    auto [method, channel, timingOffset, n, size] =
        unpack<std::string, std::string, std::int64_t, std::int64_t, std::size_t>(a);
    Timing t(timingOffset, n);
    const std::string payload(size, 'x');
    PhaseScope phase(method + ": send " + std::to_string(t.n) + " messages");
    if (method == "file") {
        const int fd = open(channel.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
        const std::string line = payload + "\n";
        for (std::int64_t k = 0; k < t.n; ++k) {
            flock(fd, LOCK_EX); // with lock: append one line
            t.sent(k) = now();
            (void)!::write(fd, line.data(), line.size());
            flock(fd, LOCK_UN);
        }
        close(fd);
    } else if (method == "pipe") {
        Connection c = Connection::fromHandle(channel);
        for (std::int64_t k = 0; k < t.n; ++k) {
            t.sent(k) = now();
            c.send(Arg(payload));
        }
    } else if (method == "queue") {
        PipeQueue q = PipeQueue::fromHandle(channel);
        for (std::int64_t k = 0; k < t.n; ++k) {
            t.sent(k) = now();
            q.put(Arg(payload));
        }
        q.join_thread(); // as Python does when the process ends: flush the feeder
    } else if (method == "shared-memory") {
        SharedRing *ring = SharedRing::at(channel);
        const std::size_t size = payload.size();
        for (std::int64_t k = 0; k < t.n; ++k) {
            t.sent(k) = now();
            ring->free.acquire();
            std::memcpy(ring->bytes + (k % kSlots) * std::int64_t(size), payload.data(), size);
            ring->ready.release();
        }
    } else {
        ListProxy l = ListProxy::fromHandle(channel);
        for (std::int64_t k = 0; k < t.n; ++k) {
            t.sent(k) = now();
            l.append(Arg(payload));
        }
    }
}
PROCLAB_TARGET(ipcProducer);

void ipcConsumer(const Args &a)
{
    trace::setMessageTracing(false);
    auto [method, channel, timingOffset, n, size] =
        unpack<std::string, std::string, std::int64_t, std::int64_t, std::size_t>(a);
    Timing t(timingOffset, n);
    PhaseScope phase(method + ": receive " + std::to_string(t.n) + " messages");
    std::int64_t k = 0;
    auto got = [&](std::size_t bytes) {
        t.received(k++) = now();
        t.valid() += bytes == size;
    };
    if (method == "file") {
        // Poll the file: under the lock, read what was appended since last time.
        const int fd = open(channel.c_str(), O_RDONLY | O_CLOEXEC);
        std::string pending;
        char buf[65536];
        while (k < t.n) {
            flock(fd, LOCK_SH);
            ssize_t r;
            bool any = false;
            while ((r = ::read(fd, buf, sizeof buf)) > 0) {
                pending.append(buf, std::size_t(r));
                any = true;
            }
            flock(fd, LOCK_UN);
            std::size_t from = 0, nl;
            while (k < t.n && (nl = pending.find('\n', from)) != std::string::npos) {
                got(nl - from);
                from = nl + 1;
            }
            pending.erase(0, from);
            if (!any)
                sched_yield();
        }
        close(fd);
    } else if (method == "pipe") {
        Connection c = Connection::fromHandle(channel);
        while (k < t.n)
            got(c.recv().toString().size());
    } else if (method == "queue") {
        PipeQueue q = PipeQueue::fromHandle(channel);
        while (k < t.n)
            got(q.get().toString().size());
    } else if (method == "shared-memory") {
        SharedRing *ring = SharedRing::at(channel);
        std::string slot(size, '\0');
        while (k < t.n) {
            ring->ready.acquire();
            std::memcpy(slot.data(), ring->bytes + (k % kSlots) * std::int64_t(size), size);
            ring->free.release();
            got(slot.find_first_not_of('x') == std::string::npos ? size : 0);
        }
    } else {
        // Poll len(l), then fetch what is new: every step is a request to the server.
        ListProxy l = ListProxy::fromHandle(channel);
        while (k < t.n) {
            const std::int64_t available = l.size();
            if (available == k)
                sched_yield();
            while (k < available && k < t.n)
                got(l.at(k).toString().size());
        }
    }
    print(method, "received intact:", t.valid());
}
PROCLAB_TARGET(ipcConsumer);

// One channel's run: start both ends, join them, read the times.
Summary measure(const std::string &method, std::int64_t messages, std::int64_t size,
                std::int64_t timingOffset, double *rate)
{
    Timing t(timingOffset, messages);
    t.valid() = 0;
    PhaseScope phase(method);
    std::string channel;
    Connection readEnd, writeEnd;
    std::optional<PipeQueue> queue;
    std::optional<Manager> manager;
    std::string producerChannel, consumerChannel;
    if (method == "file") {
        channel = run_dir() + "/ipc-compare.txt";
        close(open(channel.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        producerChannel = consumerChannel = channel;
    } else if (method == "pipe") {
        auto [r, w] = Pipe(false, "ipc");
        readEnd = std::move(r);
        writeEnd = std::move(w);
        producerChannel = writeEnd.handle();
        consumerChannel = readEnd.handle();
    } else if (method == "queue") {
        queue.emplace("ipc");
        producerChannel = consumerChannel = queue->handle();
    } else if (method == "shared-memory") {
        producerChannel = consumerChannel = std::to_string(SharedRing::create(size));
    } else {
        manager.emplace();
        producerChannel = consumerChannel = manager->list("messages").handle();
    }
    Process producer(ipcProducer, Args{method, producerChannel, timingOffset, messages, size},
                     method + "-producer");
    Process consumer(ipcConsumer, Args{method, consumerChannel, timingOffset, messages, size},
                     method + "-consumer");
    producer.start();
    consumer.start();
    readEnd.close(); // main keeps no copy of the pipe's ends
    writeEnd.close();
    if (queue)
        queue->closeFds();
    producer.join();
    consumer.join();
    if (manager)
        manager->shutdown();
    if (method == "file")
        unlink(channel.c_str());

    const bool complete = producer.exitcode() == 0 && consumer.exitcode() == 0;
    double latencySum = 0;
    for (std::int64_t k = 0; complete && k < messages; ++k)
        latencySum += double(t.received(k) - t.sent(k));
    const double seconds = complete ? double(t.received(messages - 1) - t.sent(0)) / 1e9 : 0;
    *rate = seconds > 0 ? double(messages) / seconds : 0.0;
    Summary row;
    row.set(QT_TRANSLATE_NOOP("Summary", "name"), method);
    row.set(QT_TRANSLATE_NOOP("Summary", "messages"), messages);
    row.set(QT_TRANSLATE_NOOP("Summary", "received_intact"), t.valid());
    row.set(QT_TRANSLATE_NOOP("Summary", "msgs_per_s"), *rate);
    row.set(QT_TRANSLATE_NOOP("Summary", "latency_us"),
            complete ? latencySum / double(messages) / 1000.0 : 0.0);
    row.set(QT_TRANSLATE_NOOP("Summary", "complete"), complete && t.valid() == messages);
    print(method + ":", messages, "messages in", seconds * 1000.0, "ms");
    return row;
}

void mainFn(const ParamValues &p, Summary &summary)
{
    const std::int64_t messages = p.integer("messages"), size = p.integer("size_bytes");
    void *mem = SharedHeap::allocate(sizeof(std::int64_t) * std::size_t(1 + 2 * messages));
    const std::int64_t timing = SharedHeap::offsetOf(mem);
    std::vector<Summary> rows;
    std::string fastest, slowest;
    double best = 0, worst = 0;
    for (const char *method : kMethods) {
        double rate = 0;
        rows.push_back(measure(method, messages, size, timing, &rate));
        if (rate > best) {
            best = rate;
            fastest = method;
        }
        if (slowest.empty() || rate < worst) {
            worst = rate;
            slowest = method;
        }
    }
    summary.set(QT_TRANSLATE_NOOP("Summary", "messages"), messages);
    summary.set(QT_TRANSLATE_NOOP("Summary", "size_bytes"), size);
    summary.set(QT_TRANSLATE_NOOP("Summary", "fastest"), fastest);
    summary.set(QT_TRANSLATE_NOOP("Summary", "slowest"), slowest);
    summary.set(QT_TRANSLATE_NOOP("Summary", "methods"), rows);
}

} // namespace

const LabInfo &ipcCompare()
{
    static const LabInfo lab{
        "ipc-compare",
        QT_TRANSLATE_NOOP("Lab", "Compare IPC: file, pipe, queue, shared memory, manager"),
        QT_TRANSLATE_NOOP("Lab", "4. Inter-process communication"),
        QT_TRANSLATE_NOOP(
            "Lab",
            "One producer sends the same messages to one consumer through a locked file, a Pipe, "
            "a Queue (a pipe plus a feeder thread and locks), a shared Array and a Manager list; "
            "messages per second and latency are measured."),
        {
            ParamSpec::integer("messages", 100, 200000, 10000,
                               QT_TRANSLATE_NOOP("Lab", "Messages per channel"))
                .definesRun(),
            ParamSpec::integer(
                "size_bytes", 1, Queue::kMaxItemBytes, 64,
                QT_TRANSLATE_NOOP("Lab", "Bytes per message (a Queue item holds at most 200)"),
                QT_TRANSLATE_NOOP("Lab", "B"))
                .definesRun(),
        },
        mainFn,
    };
    return lab;
}

} // namespace proclab::labs
