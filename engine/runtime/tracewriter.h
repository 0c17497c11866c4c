#pragma once
// Appends records to this process's slot of the trace ring.
//
// Every function here is async-signal-safe and allocation-free, so it may be
// called between fork() and exec() and from the SIGTERM handler that records a
// terminated process's exit. A handler may only write if it then ends the
// process: it reuses the slot position an interrupted write was filling.

#include "tracering.h"

#include <cstdint>
#include <string_view>
#include <sys/types.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace proclab::trace {

namespace detail {
// This process's writer: everything a record needs, computed once at bind()
// (a record is a handful of stores: the fast path reads nothing shared but
// its own slot). Inline below for the per-access records (Value, Array),
// which are written tens of millions of times.
struct Writer
{
    TraceRing ring;
    std::uint32_t slot = 0;
    bool bound = false;
    pid_t pid = 0; // cached at bind(): getpid() is a system call
    SlotHeader *header = nullptr;
    Record *records = nullptr;
    std::uint64_t capacity = 0;
    std::uint64_t mask = 0;
    std::uint64_t freeUpTo = 0; // max(read, spilled) last seen: room below it + capacity
    bool tsc = false;
    // Pages of the slot this process has mapped (see mapAhead()): record
    // indexes [mapFrom, mappedUpTo) of this lap; ~0 once the whole slot is.
    std::uint64_t mapFrom = 0;
    std::uint64_t mappedUpTo = ~0ull;
    std::uint64_t lookAt = ~0ull; // writing past this calls mapAhead()
    std::uint64_t existedUpTo = 0; // slot positions written before bind(): their pages exist
    bool selfPopulate = true;      // MADV_POPULATE_WRITE works here
    int spillFd = -1;
    bool spillFailed = false;
    bool enabled[256] = {}; // per RecordKind, after eventsOff and message tracing
};
extern Writer g_writer;
} // namespace detail

std::uint64_t nowNs(); // CLOCK_MONOTONIC (deadlines, lab timings)
// The record clock now (TraceRing's `clock`: the TSC, about 10 ns to read, or
// CLOCK_MONOTONIC): what write() stamps records with when given no time.
std::uint64_t stamp();
std::uint64_t stampOf(std::uint32_t clock); // the same for a clock before bind()
// stamp() for a record of `kind` about to be written, 0 (no clock read) when
// such records are not written (tracing off, message tracing off).
inline std::uint64_t stampFor(RecordKind kind)
{
    const detail::Writer &w = detail::g_writer;
    if (!w.enabled[std::uint16_t(kind) & 0xff])
        return 0;
#if defined(__x86_64__) || defined(__i386__)
    if (w.tsc) [[likely]]
        return __rdtsc();
#endif
    return nowNs();
}
// The same, read only once every earlier instruction has completed (the TSC
// read alone may run ahead of them, of a lock's acquisition among them, by
// up to a cache miss): the times of operations under one lock are then in the
// lock's order, across processes. About 11 ns more.
std::uint64_t stampInOrder(RecordKind kind);

// Makes `slot` of `ring` this process's slot. Before bind(), writes are no-ops.
void bind(const TraceRing &ring, std::uint32_t slot);
bool bound();
const TraceRing &ring();
std::uint32_t boundSlot();
pid_t boundPid(); // the pid bind() saw: this process's lane

// `tNs`: a time taken earlier with stamp() (0: now).
void write(RecordKind kind, pid_t lane, std::int64_t a = 0, std::int64_t b = 0,
           std::string_view text = {}, std::uint64_t tNs = 0);

// Per-message records (queue put/get and waits, pipe send/recv and waits,
// manager calls) are dropped while this is off in the calling process: a lab
// that measures throughput turns them off so the trace does not dominate the
// timing, and records its phases instead. On by default; a forked child
// inherits the caller's setting.
void setMessageTracing(bool on);
bool messageTracing();

// Same, on the calling process's own lane.
void here(RecordKind kind, std::int64_t a = 0, std::int64_t b = 0, std::string_view text = {});
// Same, stamped `tNs` (taken with stamp() earlier): an access timed inside a
// hold is recorded after it, so writing the record (now and then a fresh
// page) never lengthens the hold others wait on.
inline void hereAt(std::uint64_t tNs, RecordKind kind, std::int64_t a, std::int64_t b)
{
    detail::Writer &w = detail::g_writer;
    if (!w.enabled[std::uint16_t(kind) & 0xff])
        return;
    const std::uint64_t at = w.header->written.load(std::memory_order_relaxed);
    if (at + 1 - w.freeUpTo > w.capacity || at + 1 > w.lookAt || tNs == 0) [[unlikely]] {
        write(kind, w.pid, a, b, {}, tNs); // room to make, pages to map, or no time yet
        return;
    }
    Record &r = w.records[at & w.mask];
    r.tNs = tNs;
    r.pid = w.pid;
    r.kind = kind;
    r.textChunks = 0;
    r.a = a;
    r.b = b;
    w.header->written.store(at + 1, std::memory_order_release);
}

} // namespace proclab::trace
