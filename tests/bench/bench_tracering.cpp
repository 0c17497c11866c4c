// Cost of one trace record, against a baseline measured in the same run:
// write(2) of the same 32 bytes into a pipe (what a naive tracer would do).
// Prints ns per record and the ratio. Run: build/.../tests/bench/bench_tracering [records]
#include "tracering.h"
#include "tracewriter.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace proclab;
using Clock = std::chrono::steady_clock;

namespace {

double nsPer(Clock::duration d, long n)
{
    return std::chrono::duration<double, std::nano>(d).count() / double(n);
}

double benchRing(long n)
{
    TraceRing ring;
    const int fd = TraceRing::create(4, 1u << 16, &ring);
    ring.header()->discardWhenFull = 0;
    trace::bind(ring, 1);
    // A reader drains like the host does, so writers never wait on a full slot
    // for long; waits, if any, are part of the measured cost.
    std::atomic<bool> done{false};
    std::thread reader([&] {
        SlotHeader *s = ring.slot(1);
        while (!done.load(std::memory_order_relaxed))
            s->read.store(s->written.load(std::memory_order_acquire), std::memory_order_release);
    });
    const auto t0 = Clock::now();
    for (long i = 0; i < n; ++i)
        trace::write(RecordKind::Stdout, 1, i, i);
    const auto t1 = Clock::now();
    done = true;
    reader.join();
    ring.unmap();
    close(fd);
    return nsPer(t1 - t0, n);
}

double benchPipe(long n)
{
    int fds[2];
    if (pipe2(fds, O_NONBLOCK) != 0)
        return -1;
    fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);
    std::atomic<bool> done{false};
    std::thread reader([&] {
        char buf[65536];
        while (!done.load(std::memory_order_relaxed) || read(fds[0], buf, sizeof buf) > 0)
            (void)!read(fds[0], buf, sizeof buf);
    });
    Record r{};
    const auto t0 = Clock::now();
    for (long i = 0; i < n; ++i) {
        r.a = i;
        while (write(fds[1], &r, sizeof r) < 0) {
        }
    }
    const auto t1 = Clock::now();
    done = true;
    reader.join();
    close(fds[0]);
    close(fds[1]);
    return nsPer(t1 - t0, n);
}

} // namespace

int main(int argc, char **argv)
{
    const long n = argc > 1 ? std::atol(argv[1]) : 2'000'000;
    // Interleave rounds so that machine noise hits both alike.
    double ring = 1e18, pipeNs = 1e18;
    for (int round = 0; round < 3; ++round) {
        ring = std::min(ring, benchRing(n));
        pipeNs = std::min(pipeNs, benchPipe(n));
    }
    std::printf("records: %ld per round, best of 3\n", n);
    std::printf("trace ring (own slot): %8.1f ns/record\n", ring);
    std::printf("pipe write (baseline): %8.1f ns/record\n", pipeNs);
    std::printf("ratio pipe/ring: %.1fx\n", pipeNs / ring);
    return 0;
}
