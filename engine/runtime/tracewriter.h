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

namespace proclab::trace {

std::uint64_t nowNs(); // CLOCK_MONOTONIC (deadlines, lab timings)
// The record clock now (TraceRing's `clock`: the TSC, about 10 ns to read, or
// CLOCK_MONOTONIC): what write() stamps records with when given no time.
std::uint64_t stamp();
std::uint64_t stampOf(std::uint32_t clock); // the same for a clock before bind()
// stamp() for a record of `kind` about to be written, 0 (no clock read) when
// such records are not written (tracing off, message tracing off).
std::uint64_t stampFor(RecordKind kind);
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
void hereAt(std::uint64_t tNs, RecordKind kind, std::int64_t a, std::int64_t b);

} // namespace proclab::trace
