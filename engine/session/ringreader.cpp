#include "ringreader.h"

#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace proclab {

RingReader::~RingReader()
{
    close();
}

bool RingReader::create(std::uint32_t slotCount, std::uint32_t capacity)
{
    close();
    m_fd = TraceRing::create(slotCount, capacity, &m_ring);
    if (m_fd < 0)
        return false;
    fcntl(m_fd, F_SETFD, FD_CLOEXEC); // only the runner gets it, not every child we start
    return true;
}

void RingReader::close()
{
    m_ring.unmap();
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_recordsRead = 0;
}

std::vector<RawRecord> RingReader::drain()
{
    std::vector<RawRecord> out;
    if (!m_ring.valid())
        return out;
    const RingHeader *h = m_ring.header();
    const std::uint32_t used =
        std::min(h->slotsClaimed.load(std::memory_order_acquire), h->slotCount);
    const std::uint64_t mask = h->slotCapacity - 1;
    for (std::uint32_t s = 0; s < std::max(used, 2u); ++s) {
        SlotHeader *slot = m_ring.slot(s);
        const Record *records = m_ring.records(s);
        std::uint64_t r = slot->read.load(std::memory_order_relaxed);
        const std::uint64_t w = slot->written.load(std::memory_order_acquire);
        while (r < w) {
            RawRecord raw{records[r & mask], {}};
            const std::uint64_t chunks = raw.record.textChunks;
            if (r + 1 + chunks > w)
                break; // cannot happen: groups are published whole
            for (std::uint64_t c = 0; c < chunks; ++c) {
                const char *bytes = reinterpret_cast<const char *>(&records[(r + 1 + c) & mask]);
                raw.text.append(bytes, kTextPerChunk);
            }
            if (const auto nul = raw.text.find('\0'); nul != std::string::npos)
                raw.text.resize(nul);
            out.push_back(std::move(raw));
            r += 1 + chunks;
            ++m_recordsRead;
        }
        slot->read.store(r, std::memory_order_release);
    }
    return out;
}

std::uint64_t RingReader::stallNs() const
{
    if (!m_ring.valid())
        return 0;
    std::uint64_t total = 0;
    for (std::uint32_t s = 0; s < m_ring.header()->slotCount; ++s)
        total += m_ring.slot(s)->stallNs.load(std::memory_order_relaxed);
    return total;
}

std::uint32_t RingReader::refusedStarts() const
{
    return m_ring.valid() ? m_ring.header()->processesRefused.load() : 0;
}

} // namespace proclab
