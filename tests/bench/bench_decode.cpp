// Host decoding throughput and the memory the decoded run holds (goal 2 of
// issue 12). Not a test: numbers are reported, never checked.
//
// Run: bench_decode [records]   (default 4,000,000)
//
// Eight lanes write what counter-race with its lock writes (hold:lock begin,
// read, write, hold:lock end per increment, a wait:lock now and then) into
// their slots of a real trace ring; the host side then drains and decodes
// them into a TraceModel, timed on one thread. Held memory is the heap the
// model keeps (mallinfo2 before and after), divided by its events.
// Prints "RESULT bench=decode records=N records_per_s=R events=E bytes_per_event=B".
#include "bootstrap.h"
#include "ringreader.h"
#include "tracemodel.h"
#include "tracewriter.h"

#include <QCoreApplication>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <malloc.h>

using namespace proclab;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint32_t kSlotCapacity = 1u << 15;
constexpr int kLanes = 8;

// This thread's CPU time: the machine may be shared, and a rate over wall
// time then counts the time others ran.
double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

std::size_t heapInUse()
{
    const struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const long total = argc > 1 ? std::atol(argv[1]) : 4'000'000;
    RingReader reader;
    if (!reader.create(kRingSlots, kSlotCapacity)) {
        std::perror("bench_decode: ring");
        return 2;
    }
    RingHeader *h = reader.ring().header();
    h->t0Ns = trace::nowNs();
    h->slotsClaimed.store(2 + kLanes);

    const std::size_t heapBefore = heapInUse();
    RecordDecoder decoder;
    decoder.setClock(h->clockOrigin, reader.ticksPerUs());
    EventStore store;
    StoreSink sink(store);
    const std::int64_t counterId = 4096, lockId = 8192;
    const pid_t mainPid = 1000;
    trace::bind(reader.ring(), kMainSlot);
    trace::write(RecordKind::ProcBegin, mainPid, 1, ProcMain, "MainProcess");
    trace::write(RecordKind::ObjectDecl, mainPid, counterId, std::int64_t(ObjectType::Value),
                 "counter");
    trace::write(RecordKind::ObjectDecl, mainPid, lockId, std::int64_t(ObjectType::Lock),
                 "counter.lock");
    for (int l = 0; l < kLanes; ++l) {
        trace::bind(reader.ring(), std::uint32_t(2 + l));
        trace::write(RecordKind::ProcBegin, mainPid + 1 + l, mainPid, 0,
                     "Process-" + std::to_string(l + 1));
    }

    long written = 0;
    std::uint32_t version = 0;
    double seconds = 0, cpuSeconds = 0;
    std::uint64_t decoded = 0;
    const long perLanePerRound = kSlotCapacity - 64;
    while (written < total) {
        for (int l = 0; l < kLanes && written < total; ++l) {
            trace::bind(reader.ring(), std::uint32_t(2 + l));
            const pid_t pid = mainPid + 1 + l;
            for (long i = 0; i + 6 <= perLanePerRound && written < total; i += 6) {
                const bool contended = (i / 6) % 8 == 0;
                if (contended) {
                    trace::write(RecordKind::LockWaitBegin, pid, lockId);
                    trace::write(RecordKind::LockWaitEnd, pid, lockId, 0);
                }
                trace::write(RecordKind::LockHoldBegin, pid, lockId);
                trace::write(RecordKind::Read, pid, packValue(std::int32_t(version), version),
                             counterId);
                ++version;
                trace::write(RecordKind::Write, pid, packValue(std::int32_t(version), version),
                             counterId);
                trace::write(RecordKind::LockHoldEnd, pid, lockId);
                written += contended ? 6 : 4;
            }
        }
        const auto t0 = Clock::now();
        const double c0 = threadCpuSeconds();
        // Everything written so far (the drain takes slots in time order and
        // may hold back what a slot read in part could still precede).
        while (reader.backlog() > 0) {
            const std::uint64_t n = reader.drainInto(decoder, sink);
            decoded += n;
            if (n == 0)
                break;
        }
        const StoreSnapshot snap = store.snapshot(); // published, as for a view
        seconds += std::chrono::duration<double>(Clock::now() - t0).count();
        cpuSeconds += threadCpuSeconds() - c0;
    }
    const std::size_t held = heapInUse() - heapBefore;
    const long events = long(store.eventCount());
    std::printf("decoded %llu records in %.3f s (%.3f s of CPU): %.2f M records/s, %.2f M per "
                "CPU second; %ld events, %.1f bytes held per event\n",
                (unsigned long long)decoded, seconds, cpuSeconds, double(decoded) / seconds / 1e6,
                double(decoded) / cpuSeconds / 1e6, events, double(held) / double(events));
    std::printf("RESULT bench=decode records=%llu records_per_s=%.0f records_per_cpu_s=%.0f "
                "events=%ld bytes_per_event=%.1f\n",
                (unsigned long long)decoded, double(decoded) / seconds,
                double(decoded) / cpuSeconds, events, double(held) / double(events));
    return 0;
}
