#pragma once
// Layout of the shared-memory trace ring (a memfd shared by the host, the
// runner and every lab process). Each process owns one slot: a single-producer
// single-consumer buffer, so appending is two plain stores and one release
// store. The host is the only consumer.
//
// Guarantees: records of one slot are read in the order they were written; a
// group (a record and its text chunks) becomes visible at once; nothing is
// dropped: a writer whose slot is full waits for the host and the wait is
// counted in the slot (stallNs). Nothing here allocates or locks, so it may be
// used between fork() and exec() and in signal handlers.

#include "tracerecord.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <sys/types.h>

namespace proclab {

inline constexpr std::uint32_t kRingMagic = 0x50524c42; // "PRLB"
inline constexpr std::uint32_t kRingVersion = 2;

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
};

struct alignas(64) SlotHeader
{
    alignas(64) std::atomic<std::uint64_t> written;
    alignas(64) std::atomic<std::uint64_t> read;
    std::atomic<std::int32_t> pid;
    std::atomic<std::uint64_t> stallNs; // time writers waited for a full slot
    std::atomic<std::uint64_t> stalls;
};

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

private:
    RingHeader *m_header = nullptr;
    std::size_t m_bytes = 0;
};

} // namespace proclab
