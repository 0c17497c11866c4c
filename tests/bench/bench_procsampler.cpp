// The runner's /proc sampler: CPU time of one sampling round for N live
// processes, in a tight loop (warm caches) and at the real rate (one round
// every 10 ms, as in the runner: cold caches after each wake-up). Prints the
// per-round cost and the share of one core it takes at 100 Hz.
//
//   bench_procsampler [processes=16] [rounds=300]
#include "procsampler.h"
#include "tracewriter.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace proclab;

int main(int argc, char **argv)
{
    const int n = argc > 1 ? std::atoi(argv[1]) : 16;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 300;
    TraceRing ring;
    if (TraceRing::create(std::uint32_t(n + 2), 1u << 16, &ring) < 0)
        return 1;
    ring.header()->discardWhenFull = 1; // nobody drains: the records are not the point
    setpgid(0, 0);
    std::vector<pid_t> kids;
    int hold[2];
    if (pipe(hold) != 0)
        return 1;
    for (int i = 0; i < n; ++i) {
        const pid_t pid = fork();
        if (pid == 0) {
            char c;
            close(hold[1]);
            (void)!read(hold[0], &c, 1); // sleeps (state S) until the pipe closes
            _exit(0);
        }
        kids.push_back(pid);
        ring.slot(std::uint32_t(i + 1))->pid.store(pid);
    }
    close(hold[0]);
    ring.header()->slotsClaimed.store(std::uint32_t(n + 1));
    trace::bind(ring, 0);

    ProcSampler warm(ring, getpgrp());
    for (int i = 0; i < rounds; ++i)
        warm.sampleOnce();
    ProcSampler paced(ring, getpgrp());
    const timespec tick{0, 10'000'000};
    for (int i = 0; i < rounds; ++i) {
        paced.sampleOnce();
        nanosleep(&tick, nullptr);
    }
    auto us = [](const ProcSampler &s) { return double(s.costNs()) / 1e3 / double(s.rounds()); };
    std::printf(
        "%d processes: %.1f us per round warm (%.2f us per process), %.1f us per round "
        "at 100 Hz (%.2f us per process) = %.2f %% of one core; %llu records in %d rounds\n",
        n, us(warm), us(warm) / n, us(paced), us(paced) / n, us(paced) / 100.0,
        (unsigned long long)paced.recordsWritten(), rounds);
    close(hold[1]);
    for (pid_t k : kids)
        waitpid(k, nullptr, 0);
    return 0;
}
