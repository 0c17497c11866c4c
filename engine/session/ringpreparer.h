#pragma once
// Allocates the trace ring's pages before the writers need them.
//
// A lab process that writes into a new page of its slot takes a page fault
// that allocates and zeroes shared memory: about 3 us on a VM, the time of
// 100 records, so a busy writer would spend more time there than recording.
// The host prepares the first slots before it starts the runner
// (TraceRing::prepareStart, in RingReader::startPreparing); this thread, on
// CPU time nobody else wants (SCHED_IDLE), keeps the slot of each writer that has written a chunk's
// worth allocated a stretch ahead of it, and says how far in
// SlotHeader::prepared. A writer maps prepared pages 16 at a time with one
// read (tracewriter.cpp); one that outruns the preparer allocates its own
// pages, as it would without it. The memory is the ring's (a memfd): it goes
// with the ring.

#include "tracering.h"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <thread>

namespace proclab {

class RingPreparer
{
public:
    // How far ahead of a slot's writer at most: as far as it has written,
    // up to this (only for a writer that has written a chunk's worth).
    static constexpr std::uint64_t kAheadRecords = 1024 * 1024 / sizeof(Record);

    explicit RingPreparer(const TraceRing &ring) : m_ring(ring) {}
    ~RingPreparer(); // stop() and join
    RingPreparer(const RingPreparer &) = delete;
    RingPreparer &operator=(const RingPreparer &) = delete;

    void start();
    // Asks the thread to end after its current chunk (does not wait).
    void stop();

    // One pass, the thread's unit of work: allocates at most `maxChunks`
    // 64 KiB chunks, one slot after the other, the slot furthest behind
    // first. Returns the chunks allocated; 0 when every slot is prepared
    // as far as wanted (or the kernel cannot: MADV_POPULATE_WRITE, 5.14).
    std::size_t prepareOnce(std::size_t maxChunks);

private:
    void run();

    TraceRing m_ring;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_unsupported = false;
    std::uint64_t m_lastWritten = 0; // the writers' positions, summed, at the last pass
    bool m_writersMoved = false;     // since the pass before
};

} // namespace proclab
