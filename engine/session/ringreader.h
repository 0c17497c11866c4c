#pragma once
// The host's side of the trace ring: creates it, hands its fd to the runner
// and drains every slot without blocking. The only consumer of the ring.

#include "recorddecoder.h"
#include "tracering.h"

#include <cstdint>
#include <vector>

namespace proclab {

class RingReader
{
public:
    RingReader() = default;
    ~RingReader();
    RingReader(const RingReader &) = delete;
    RingReader &operator=(const RingReader &) = delete;

    // Creates a fresh ring (close-on-exec fd; the runner's launcher clears it).
    bool create(std::uint32_t slotCount, std::uint32_t capacity);
    void close();

    int fd() const { return m_fd; }
    const TraceRing &ring() const { return m_ring; }
    bool valid() const { return m_ring.valid(); }

    // Decodes everything written since the last drain into `sink`, straight
    // from the ring (no copy but each record's text), in time order across
    // slots. Returns the records read.
    std::uint64_t drainInto(RecordDecoder &decoder, EventSink &sink);

    std::uint64_t recordsRead() const { return m_recordsRead; }
    std::uint64_t stallNs() const; // time writers spent waiting for room, all slotCount
    std::uint32_t refusedStarts() const;

private:
    TraceRing m_ring;
    int m_fd = -1;
    std::uint64_t m_recordsRead = 0;
};

} // namespace proclab
