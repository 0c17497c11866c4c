#pragma once
// The runner's process-state sampler: reads /proc/PID/stat of every live lab
// process and records, in the runner's own ring slot and on the sampled
// process's lane, only what CHANGED since the previous round:
//
//   ProcState  the state letter (R running/runnable, S sleeping, D disk,
//              Z zombie, T/t stopped), with the CPU time used so far
//   ProcCpu    the CPU the process last ran on (field 39), same CPU time
//   Reparent   the parent changed (an orphan adopted by the runner)
//   ProcCpuTime  every kShareWindowNs while the process uses CPU: how much
//              it used in that window (its share of one CPU; on one core,
//              four busy workers get about 25 % each)
//
// Rate: kPeriodNs = 10 ms (100 Hz). Lab events worth seeing last 50 ms or
// more (the shortest zombie hold is 200 ms); the kernel's own CPU accounting
// in stat moves in 10 ms ticks, so sampling faster shows nothing new; a 10 s
// run on a 1280 px timeline is ~8 ms per pixel. One round costs a few µs per
// process (one pread of a small /proc file, ~6 µs here vs ~17 µs to
// open/read/close it; see tests/bench/bench_procsampler.cpp).
//
// Which processes: every ring slot a lab process has bound (slot 1 =
// MainProcess, then one per start()). Each is read through a /proc/PID/stat
// fd opened at first sight, so a reused pid can never be mistaken for it;
// a slot stops being sampled once that read fails (the process was reaped).
//
// Single-threaded, no allocation per round after the first sight of a slot.
// PROCLAB_SAMPLER_STATS=1 in the runner's environment prints rounds, reads,
// records and the CPU time per round to stderr at the end of a run.

#include "tracering.h"

#include <cstdint>
#include <sys/types.h>
#include <vector>

namespace proclab {

class ProcSampler
{
public:
    static constexpr std::uint64_t kPeriodNs = 10'000'000;
    // CPU share windows: 10 kernel ticks, so a share is exact to 10 %.
    static constexpr std::uint64_t kShareWindowNs = 100'000'000;

    // Samples the lab processes of `ring` that are in process group `labGroup`.
    ProcSampler(const TraceRing &ring, pid_t labGroup);
    ~ProcSampler();
    ProcSampler(const ProcSampler &) = delete;
    ProcSampler &operator=(const ProcSampler &) = delete;

    // One round: reads every live lab process and writes the changes (with
    // trace::write, so the caller must have bound its slot).
    void sampleOnce();

    std::uint64_t rounds() const { return m_rounds; }
    std::uint64_t reads() const { return m_reads; }
    std::uint64_t recordsWritten() const { return m_records; }
    std::uint64_t costNs() const { return m_costNs; } // this thread's CPU time spent in rounds

private:
    struct Tracked
    {
        pid_t pid = 0;
        int fd = -1; // its /proc/PID/stat, open while it lives (pread: no path lookup)
        char state = 0;
        int cpu = -1;
        pid_t ppid = 0;
        bool startParentKnown = false; // its ProcBegin (the parent that started it) was read
        bool gone = false;
        std::uint64_t windowStartNs = 0; // the CPU-share window open now
        std::int64_t windowStartCpuUs = 0;
        bool lastWindowBusy = false; // so that a drop to 0 % is recorded once
    };

    pid_t parentAtStart(std::uint32_t slot, pid_t pid) const;

    TraceRing m_ring;
    pid_t m_labGroup;
    std::vector<Tracked> m_slots; // by slot number
    std::uint64_t m_usPerTick;
    std::uint64_t m_rounds = 0;
    std::uint64_t m_reads = 0;
    std::uint64_t m_records = 0;
    std::uint64_t m_costNs = 0;
};

} // namespace proclab
