#pragma once
// Layout of the shared-memory trace ring (a memfd shared by the host, the
// runner and every lab process). Each process owns one slot: a single-producer
// single-consumer buffer, so appending is two plain stores and one release
// store. The host is the only consumer.
//
// Guarantees: records of one slot are read in the order they were written; a
// group (a record and its text chunks) becomes visible at once; nothing is
// dropped, and a writer never waits for the host: when its slot is full it
// writes the oldest quarter of the slot to its own spill file in the run's
// trace directory (spillDir) and reuses the space; the host reads spilled
// records from there (SlotHeader::spilled says which). Only if the spill file
// cannot be written does the writer wait, and the wait is counted (stallNs).
// Nothing here allocates or locks, so it may be used between fork() and
// exec() and in signal handlers.

#include "tracerecord.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <sys/types.h>

namespace proclab {

inline constexpr std::uint32_t kRingMagic = 0x50524c42; // "PRLB"
inline constexpr std::uint32_t kRingVersion = 4;

struct alignas(64) RingHeader
{
    std::uint32_t magic;
    std::uint32_t version;
    std::uint32_t slotCount;    // slot 0 = runner, slot 1 = MainProcess, then lab processes
    std::uint32_t slotCapacity; // records per slot, a power of two
    std::uint64_t t0Ns;         // CLOCK_MONOTONIC at the run's start
    std::atomic<std::int32_t> runnerPid;
    std::atomic<std::int32_t> labPgid; // process group of every lab process
    std::atomic<std::uint32_t> slotsClaimed;
    std::atomic<std::uint32_t> processesRefused; // starts refused by the process cap
    std::uint32_t
        discardWhenFull; // no host drains this ring (standalone runs): drop instead of waiting
    // Tracing off (the benchmark's baseline, `proclab-run --no-trace`): only a
    // process's life (begin, start, exit, reap), its output, errors and the
    // summary are recorded; no per-event record, no /proc sampling.
    std::uint32_t eventsOff;
    // The clock of Record::tNs: 0 CLOCK_MONOTONIC ns, 1 the CPU's time-stamp
    // counter (invariant TSC; the host converts, see RingReader::ticksPerUs).
    std::uint32_t clock;
    std::uint64_t clockOrigin; // the clock at t0Ns
    // Where writers spill (a directory of the host's; empty: they wait instead).
    char spillDir[384];
};

inline constexpr std::uint32_t kClockMonotonic = 0;
inline constexpr std::uint32_t kClockTsc = 1;

struct alignas(64) SlotHeader
{
    alignas(64) std::atomic<std::uint64_t> written;
    // Records below `spilled` that the host has not read are in the spill
    // file (at offset index × 32), no longer in the ring. Advanced by the
    // writer, a quarter slot at a time, only before it overwrites them.
    std::atomic<std::uint64_t> spilled;
    alignas(64) std::atomic<std::uint64_t> read;
    std::atomic<std::int32_t> pid;
    std::atomic<std::uint64_t> stallNs; // time writers waited for a full slot
    std::atomic<std::uint64_t> stalls;
    std::atomic<std::uint64_t> spills; // quarter slots written to the spill file
    // Slot positions below this have their pages allocated ahead of the
    // writer (the host's prepareStart and RingPreparer): a writer
    // maps them 16 at a time instead of taking a page fault for each
    // (tracewriter.cpp, mapAhead).
    std::atomic<std::uint64_t> prepared;
};

// Two cache lines: the writer's and the host's. (The Python tracer is given
// the field offsets by the runner; adding a field must not move one.)
static_assert(sizeof(SlotHeader) == 128);

// The spill file of slot `slot` in `dir`: "<dir>/slot-<slot>.spill". Written
// into `out` (at least 400 bytes) without allocating.
void spillPath(const char *dir, std::uint32_t slot, char *out, std::size_t size);

// Pages of a slot are allocated ahead of its writer in chunks of this many
// records, 64 KiB: the kernel's fault-around window, which a writer maps with
// one read (tracewriter.cpp).
inline constexpr std::uint64_t kPrepareChunkBytes = 64 * 1024;
inline constexpr std::uint64_t kPrepareChunk = kPrepareChunkBytes / sizeof(Record);
// Before it starts the runner, the host prepares this much of the slots of
// MainProcess's first kSpareSlots children (prepareStart); while it runs the
// host's RingPreparer keeps each busy writer's slot prepared ahead of it.
inline constexpr std::uint64_t kSpareRecords = 1024 * 1024 / sizeof(Record);
inline constexpr std::uint32_t kSpareSlots = 4;

// A mapped ring. Plain value: pointers into the mapping.
class TraceRing
{
public:
    static std::size_t bytesFor(std::uint32_t slotCount, std::uint32_t slotCapacity);

    // Creates a memfd (not close-on-exec: lab children and spawned images
    // inherit it), sizes and maps it. Returns the fd or -1 with errno set.
    static int create(std::uint32_t slotCount, std::uint32_t slotCapacity, TraceRing *out);
    // Maps an existing ring fd (checks magic and version). false with errno on failure.
    static bool attach(int fd, TraceRing *out);
    void unmap();

    bool valid() const { return m_header != nullptr; }
    RingHeader *header() const { return m_header; }
    SlotHeader *slot(std::uint32_t i) const;
    Record *records(std::uint32_t i) const;

    // Allocates the next chunk of slot `i` past SlotHeader::prepared and
    // publishes it there (MADV_POPULATE_WRITE). false if the slot is
    // prepared to its end or the kernel cannot (before Linux 5.14: EINVAL;
    // out of memory: ENOMEM); the writer then faults its own pages.
    bool prepareChunk(std::uint32_t i) const;
    // Prepares slot `i` up to `records` (rounded up to chunks). false as above.
    bool prepare(std::uint32_t i, std::uint64_t records) const;
    // Slot `i`'s pages below `records` exist (its writer has passed them).
    void markPrepared(std::uint32_t i, std::uint64_t records) const;
    // What the host prepares before it starts the runner: the first pages of
    // the slots of MainProcess's first kSpareSlots children, and a few of its
    // own (about 3 ms for 4.25 MiB).
    void prepareStart() const;

private:
    RingHeader *m_header = nullptr;
    std::size_t m_bytes = 0;
};

} // namespace proclab
