// Throughput of ProcLab's shared-memory Queue between real processes. The
// baseline is Python's multiprocessing.Queue on the same workloads
// (bench_queue.py); run_queue_bench.sh runs both, alternately, and prints the
// ratios. Nothing here is an assertion: timings are reported, never checked.
//
// Run: build/.../tests/bench/bench_queue [items] [--trace=on,off] [--drain-ms=16]
//                                        [--case=NAME[,NAME...]]
//
// Cases (small int items, `items` in total, one None sentinel per consumer put
// by MainProcess after it has joined the producers; a case is timed from
// before the first start() to after the last consumer is joined, so process
// start and reaping are included, as in the Python baseline):
//   1p1c-max10   1 producer  -> 1 consumer,  Queue(maxsize=10)
//   1p1c-unbnd   1 producer  -> 1 consumer,  Queue() (ProcLab: at most
//                Queue::kUnboundedCapacity items queued, then put blocks)
//   4p2c-max10   4 producers -> 2 consumers, Queue(maxsize=10)
//
// Tracing modes (every lab process writes its trace slot in both; the product
// has no "tracing off" switch):
//   on   a drainer process (forked before the case's lab processes, not a lab
//        process) reads every record of every claimed slot and advances `read`,
//        every --drain-ms milliseconds like the host (16 ms, ~60 Hz; 0 = poll
//        without sleeping). discardWhenFull = 0: a writer whose slot is full
//        waits for the drainer; such waits are reported (stalls / stall ms).
//   off  no drainer; discardWhenFull = 1 and the case's slots are handed out
//        already full, so every record a lab process writes is dropped at the
//        capacity check: the writer still pays trace::write()'s clock read and
//        the check (plus the `stalls` counter), but stores nothing.
//
// Each mode of a case is run once per invocation (an unbounded ProcLab queue
// takes ~21 MB of the 64 MB shared heap, which never frees); repeat
// invocations for noise. Output: readable lines, plus one "RESULT ..." line
// per measurement for the script.
#include "bootstrap.h"
#include "process.h"
#include "queue.h"
#include "summary.h"
#include "tracering.h"
#include "tracewriter.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <string_view>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace proclab;
using Clock = std::chrono::steady_clock;

namespace {

// A lab process of this benchmark must not outlive the benchmark (a killed
// MainProcess would leave consumers waiting for a sentinel forever).
void dieWithParent(pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(3);
}

// args: queue handle, first item, item count, MainProcess pid
void producer(const Args &a)
{
    dieWithParent(pid_t(a.at(3).toInt()));
    Queue q = Queue::fromHandle(a.at(0).toInt());
    const std::int64_t first = a.at(1).toInt(), count = a.at(2).toInt();
    for (std::int64_t i = 0; i < count; ++i)
        q.put(Arg(first + i));
}
PROCLAB_TARGET(producer);

// args: queue handle, MainProcess pid
void consumer(const Args &a)
{
    dieWithParent(pid_t(a.at(1).toInt()));
    Queue q = Queue::fromHandle(a.at(0).toInt());
    std::int64_t got = 0;
    for (;;) {
        const Arg item = q.get();
        if (item.isNone())
            break;
        ++got;
    }
    (void)got; // MainProcess checks the queue's totals instead
}
PROCLAB_TARGET(consumer);

// ---- the drainer (tracing on) ----

// Reads every record published since the last call and frees the space, as
// RingReader::drain() does (minus building the host's vector). Returns a
// checksum so the reads are not optimised away.
std::uint64_t drainOnce(const TraceRing &ring)
{
    const RingHeader *h = ring.header();
    const std::uint32_t used =
        std::min(h->slotsClaimed.load(std::memory_order_acquire), h->slotCount);
    const std::uint64_t mask = h->slotCapacity - 1;
    std::uint64_t sum = 0;
    for (std::uint32_t s = 0; s < used; ++s) {
        SlotHeader *slot = ring.slot(s);
        const Record *records = ring.records(s);
        std::uint64_t r = slot->read.load(std::memory_order_relaxed);
        const std::uint64_t w = slot->written.load(std::memory_order_acquire);
        for (; r < w; ++r)
            sum += records[r & mask].tNs ^ std::uint64_t(records[r & mask].a);
        slot->read.store(w, std::memory_order_release);
    }
    return sum;
}

struct Drainer
{
    pid_t pid = -1;
    int stopFd = -1;
};

// Forked from MainProcess before the case's lab processes (so none of them
// holds its pipe's read end). A plain fork, not a lab Process: it writes no
// trace record and claims no slot.
Drainer startDrainer(const TraceRing &ring, int intervalMs)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        std::perror("bench_queue: pipe");
        std::exit(2);
    }
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) {
        std::perror("bench_queue: fork (drainer)");
        std::exit(2);
    }
    if (pid == 0) {
        close(fds[1]);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(3);
        std::uint64_t sum = 0;
        pollfd stop{fds[0], POLLIN, 0};
        for (;;) {
            sum += drainOnce(ring);
            const int n = poll(&stop, 1, intervalMs);
            if (n > 0)
                break; // a stop byte, or MainProcess's end of the pipe closed
        }
        sum += drainOnce(ring);
        _exit(sum == 1 ? 4 : 0); // uses the checksum; 1 never happens in practice
    }
    close(fds[0]);
    return {pid, fds[1]};
}

void stopDrainer(Drainer &d)
{
    const char byte = 1;
    (void)!write(d.stopFd, &byte, 1);
    close(d.stopFd);
    int status = 0;
    while (waitpid(d.pid, &status, 0) < 0 && errno == EINTR) {
    }
    d = {};
}

// ---- cases ----

struct Case
{
    const char *name;
    int producers;
    int consumers;
    int maxsize; // 0: unbounded
};

struct SlotStats
{
    std::uint64_t records = 0; // stored in the case's lab slots
    std::uint64_t stalls = 0;  // on: waits for a full slot; off: records dropped
    std::uint64_t stallNs = 0;
};

SlotStats slotStats(const TraceRing &ring, std::uint32_t first, std::uint32_t end)
{
    SlotStats st;
    for (std::uint32_t s = first; s < end; ++s) {
        SlotHeader *slot = ring.slot(s);
        st.records += slot->written.load();
        st.stalls += slot->stalls.load();
        st.stallNs += slot->stallNs.load();
    }
    return st;
}

struct Result
{
    double seconds = 0;
    SlotStats slots;
    bool ok = false;
};

Result runCase(const Case &c, long items, bool tracing, const TraceRing &ring, int drainMs)
{
    RingHeader *h = ring.header();
    const std::uint32_t procs = std::uint32_t(c.producers + c.consumers);
    const std::uint32_t first = h->slotsClaimed.load();
    if (first + procs > h->slotCount) {
        std::fprintf(stderr, "bench_queue: out of trace slots\n");
        return {};
    }
    const std::uint64_t capacity = h->slotCapacity;
    Drainer drainer;
    if (tracing) {
        h->discardWhenFull = 0;
        drainer = startDrainer(ring, drainMs);
    } else {
        h->discardWhenFull = 1;
        for (std::uint32_t s = first; s < first + procs; ++s)
            ring.slot(s)->written.store(capacity); // read stays 0: full from the start
    }

    Queue q("bench", c.maxsize);
    const std::int64_t self = getpid();
    const auto t0 = Clock::now();
    std::vector<Process> consumers, producers;
    consumers.reserve(std::size_t(c.consumers));
    producers.reserve(std::size_t(c.producers));
    for (int i = 0; i < c.consumers; ++i) {
        consumers.emplace_back(consumer, Args{Arg(q.handle()), Arg(self)});
        consumers.back().start();
    }
    std::int64_t next = 0;
    for (int i = 0; i < c.producers; ++i) {
        const std::int64_t count = items / c.producers + (i < items % c.producers ? 1 : 0);
        producers.emplace_back(producer, Args{Arg(q.handle()), Arg(next), Arg(count), Arg(self)});
        producers.back().start();
        next += count;
    }
    for (Process &p : producers)
        p.join();
    for (int i = 0; i < c.consumers; ++i)
        q.put(Arg()); // None: one sentinel per consumer
    for (Process &p : consumers)
        p.join();
    const auto t1 = Clock::now();

    if (tracing)
        stopDrainer(drainer);
    Result r;
    r.seconds = std::chrono::duration<double>(t1 - t0).count();
    r.slots = slotStats(ring, first, first + procs);
    if (!tracing) {
        r.slots.records -= capacity * procs; // the hand-out fill is not a record
        for (std::uint32_t s = first; s < first + procs;
             ++s) // now "drained": no drainer reads it later
            ring.slot(s)->read.store(ring.slot(s)->written.load());
    }
    const Queue::Totals t = q.totals();
    r.ok = t.put == items && t.got == items;
    for (Process &p : producers)
        r.ok = r.ok && p.exitcode() == 0;
    for (Process &p : consumers)
        r.ok = r.ok && p.exitcode() == 0;
    if (!r.ok)
        std::fprintf(stderr,
                     "bench_queue: %s: put %lld, got %lld of %ld items, or a process failed\n",
                     c.name, (long long)t.put, (long long)t.got, items);
    return r;
}

// Whether `name` is one of the comma-separated names of `list`.
bool listed(std::string_view list, std::string_view name)
{
    while (!list.empty()) {
        const auto comma = list.find(',');
        if (list.substr(0, comma) == name)
            return true;
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    if (isSpawnedChild(argc, argv))
        return runSpawnedChild(argc, argv);

    long items = 200'000;
    int drainMs = 16; // the host's drain interval (LabSession: ~60 Hz)
    std::vector<bool> modes = {true, false};
    std::string only; // --case: comma-separated case names; empty: all
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a.starts_with("--drain-ms=")) {
            drainMs = std::atoi(argv[i] + 11);
        } else if (a.starts_with("--case=")) {
            only.assign(a.substr(7));
        } else if (a.starts_with("--trace=")) {
            modes.clear();
            std::string_view list = a.substr(8);
            while (!list.empty()) {
                const auto comma = list.find(',');
                const std::string_view m = list.substr(0, comma);
                if (m != "on" && m != "off") {
                    std::fprintf(stderr, "bench_queue: --trace takes on,off (in any order)\n");
                    return 2;
                }
                modes.push_back(m == "on");
                list =
                    comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
            }
        } else if (!a.empty() && a[0] != '-') {
            items = std::atol(argv[i]);
        } else {
            std::fprintf(stderr,
                         "usage: %s [items] [--trace=on,off] [--drain-ms=16] [--case=NAME,...]\n",
                         argv[0]);
            return 2;
        }
    }
    if (items < 1 || drainMs < 0 || modes.empty() || modes.size() > 2 ||
        (modes.size() == 2 && modes[0] == modes[1])) {
        std::fprintf(stderr, "bench_queue: bad arguments (each mode at most once per run)\n");
        return 2;
    }

    TraceRing ring;
    const int ringFd = TraceRing::create(kRingSlots, 1u << 16, &ring);
    if (ringFd < 0) {
        std::perror("bench_queue: trace ring");
        return 2;
    }
    ring.header()->t0Ns = trace::nowNs();
    ring.header()->slotsClaimed.store(kMainSlot + 1);
    ring.header()->discardWhenFull = 0;
    initMainProcess(ring, ringFd);

    const Case cases[] = {
        {"1p1c-max10", 1, 1, 10},
        {"1p1c-unbnd", 1, 1, 0},
        {"4p2c-max10", 4, 2, 10},
    };
    std::printf("ProcLab Queue, %ld int items per case, %s start method; drainer every %d ms%s\n",
                items, "fork", drainMs, drainMs == 0 ? " (polling without sleep)" : "");
    std::printf("trace on:  drainer process reads every record (discardWhenFull=0; writers wait "
                "when a slot is full)\n");
    std::printf("trace off: no drainer, discardWhenFull=1, lab slots handed out full: every record "
                "is dropped\n");
    std::printf("           at the capacity check (clock read + check still paid)\n");
    bool allOk = true;
    for (const Case &c : cases) {
        if (!only.empty() && !listed(only, c.name))
            continue;
        for (const bool tracing : modes) {
            const Result r = runCase(c, items, tracing, ring, drainMs);
            allOk = allOk && r.ok;
            const double rate = r.seconds > 0 ? double(items) / r.seconds : 0;
            std::printf(
                "%-11s trace %-3s %12.0f items/s  (%.3f s; lab slots: %llu records stored, "
                "%llu %s%s)\n",
                c.name, tracing ? "on" : "off", rate, r.seconds,
                (unsigned long long)r.slots.records, (unsigned long long)r.slots.stalls,
                tracing ? "stalls" : "dropped",
                tracing
                    ? (", " + std::to_string(r.slots.stallNs / 1'000'000) + " ms stalled").c_str()
                    : "");
            std::printf(
                "RESULT impl=proclab case=%s trace=%s items=%ld seconds=%.6f items_per_s=%.0f "
                "records=%llu stalls=%llu stall_ns=%llu ok=%d\n",
                c.name, tracing ? "on" : "off", items, r.seconds, rate,
                (unsigned long long)r.slots.records, (unsigned long long)r.slots.stalls,
                (unsigned long long)r.slots.stallNs, r.ok ? 1 : 0);
            std::fflush(stdout);
        }
    }

    ring.header()->discardWhenFull = 1; // no drainer any more
    Summary summary;
    const int code = finishMainProcess(allOk ? 0 : 1, summary);
    ring.unmap();
    close(ringFd);
    return code;
}
