#pragma once
// The host's side of the trace ring: creates it, hands its fd to the runner
// and drains every slot without blocking anyone. The only consumer of the
// ring; it runs on the host's drain thread (TraceDrain), never the GUI's.
//
// Records of a slot come from the ring, or, for what the writer had to spill
// while the host was behind, from the slot's spill file (tracering.h). A copy
// taken from the ring while the writer spilled and reused that space is
// checked against `spilled` afterwards and read from the file instead.

#include "recorddecoder.h"
#include "ringpreparer.h"
#include "tracering.h"

#include <QString>
#include <cstdint>
#include <atomic>
#include <memory>
#include <vector>

namespace proclab {

class RingReader
{
public:
    RingReader() = default;
    ~RingReader();
    RingReader(const RingReader &) = delete;
    RingReader &operator=(const RingReader &) = delete;

    // Creates a fresh ring (close-on-exec fd; the runner's launcher clears
    // it), stamps its start (t0Ns, the record clock) and, if `spillDir` is
    // set, lets writers spill there. Without `allowTsc` records are stamped
    // with CLOCK_MONOTONIC ns (a Python run: its tracer stamps that clock).
    bool create(std::uint32_t slotCount, std::uint32_t capacity, const QString &spillDir = {},
                bool allowTsc = true);
    void close();

    int fd() const { return m_fd; }
    const TraceRing &ring() const { return m_ring; }
    bool valid() const { return m_ring.valid(); }

    // Allocates the first slots' first pages now (TraceRing::prepareStart,
    // about 3 ms), then the ring's pages ahead of the writers on idle CPU
    // time (RingPreparer), until stopPreparing() or close(). For a traced
    // run, before the runner starts: the few records of an untraced one need no help.
    void startPreparing();
    void stopPreparing(); // asks; the thread ends after its current chunk

    // Record clock ticks per microsecond, measured against CLOCK_MONOTONIC
    // since create() (best after some milliseconds; 1000 for the ns clock).
    double ticksPerUs() const;

    // Decodes what was written since the last drain into `sink`, in time
    // order across slots, at most about `maxRecords` (what is held back for
    // lack of budget comes next time). Returns the records decoded.
    std::uint64_t drainInto(RecordDecoder &decoder, EventSink &sink,
                            std::uint64_t maxRecords = 1u << 22);
    // Records waiting in the ring or spill files (an estimate).
    std::uint64_t backlog() const;

    std::uint64_t recordsRead() const { return m_recordsRead; }
    std::uint64_t stallNs() const; // time writers spent waiting for room, all slots
    std::uint64_t spills() const;  // quarter slots writers spilled
    std::uint32_t refusedStarts() const;
    // Once every writer is gone (the runner has ended): opens the spill
    // files there are, unlinks them and removes the spill directory, so a
    // host killed from now on leaves nothing on disk; what is left is read
    // through the open files. Safe to call from another thread than the one
    // draining (the host's main thread, as soon as the runner has ended).
    void adoptSpillFiles();
    // Closes the slots' spill files and removes any still named (every
    // record read).
    void removeSpillFiles();

private:
    struct SlotBuffer
    {
        std::vector<Record> records; // complete groups only
        std::size_t at = 0;          // next record to decode
        std::uint64_t host = 0;      // next record index to take from the ring / file
        int spillFd = -1;
        std::uint64_t punched = 0; // spill file released up to here
        bool more = false;         // the slot had more than was buffered
    };
    void refill(std::uint32_t s, SlotBuffer &b, std::size_t budget);
    bool readSpilled(std::uint32_t s, SlotBuffer &b, std::uint64_t from, std::uint64_t to,
                     std::vector<Record> &out);

    TraceRing m_ring;
    int m_fd = -1;
    QString m_spillDir;
    std::uint64_t m_recordsRead = 0;
    std::vector<SlotBuffer> m_buffers;
    // Spill files adoptSpillFiles() opened, for the draining thread to take.
    std::unique_ptr<std::atomic<int>[]> m_adopted; // one per slot, as m_buffers
    std::uint64_t m_t0Ns = 0, m_origin = 0;
    std::unique_ptr<RingPreparer> m_preparer; // before the ring is unmapped, it is joined
};

} // namespace proclab
