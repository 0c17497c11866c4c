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

std::uint64_t RingReader::drainInto(RecordDecoder &decoder, EventSink &sink)
{
    if (!m_ring.valid())
        return 0;
    const RingHeader *h = m_ring.header();
    const std::uint32_t used =
        std::min(h->slotsClaimed.load(std::memory_order_acquire), h->slotCount);
    const std::uint64_t mask = h->slotCapacity - 1;

    // What each slot holds now, slots in ascending order: a parent's slot
    // comes before its children's, so a reap a parent (or the runner, slot 0)
    // recorded is never read without the exit that caused it.
    struct Range
    {
        std::uint32_t slot;
        std::uint64_t r, w;
        const Record *records;
    };
    std::vector<Range> ranges;
    for (std::uint32_t s = 0; s < std::max(used, 2u); ++s) {
        SlotHeader *slot = m_ring.slot(s);
        const std::uint64_t w = slot->written.load(std::memory_order_acquire);
        const std::uint64_t r = slot->read.load(std::memory_order_relaxed);
        if (r < w)
            ranges.push_back({s, r, w, m_ring.records(s)});
    }

    // Decoded in time order across slots (each slot is already in order):
    // take the slot with the earliest record, and from it every record up
    // to the next slot's earliest.
    std::uint64_t count = 0;
    std::string text;
    auto decodeAt = [&](Range &g) {
        const Record &rec = g.records[g.r & mask];
        const std::uint64_t chunks = rec.textChunks;
        if (g.r + 1 + chunks > g.w) { // cannot happen: groups are published whole
            g.r = g.w;
            return;
        }
        std::string_view view;
        if (chunks) {
            text.clear();
            for (std::uint64_t c = 0; c < chunks; ++c)
                text.append(reinterpret_cast<const char *>(&g.records[(g.r + 1 + c) & mask]),
                            kTextPerChunk);
            if (const auto nul = text.find('\0'); nul != std::string::npos)
                text.resize(nul);
            view = text;
        }
        decoder.decodeOne(rec, view, sink);
        g.r += 1 + chunks;
        ++count;
    };
    auto headTime = [&](const Range &g) { return g.records[g.r & mask].tNs; };
    std::vector<Range *> live;
    for (Range &g : ranges)
        live.push_back(&g);
    while (!live.empty()) {
        if (live.size() == 1) {
            while (live[0]->r < live[0]->w)
                decodeAt(*live[0]);
            break;
        }
        // The earliest head, and the time of the second earliest.
        std::size_t best = 0;
        std::uint64_t bestT = headTime(*live[0]), secondT = UINT64_MAX;
        for (std::size_t i = 1; i < live.size(); ++i) {
            const std::uint64_t t = headTime(*live[i]);
            if (t < bestT) {
                secondT = bestT;
                bestT = t;
                best = i;
            } else if (t < secondT) {
                secondT = t;
            }
        }
        Range &g = *live[best];
        do
            decodeAt(g);
        while (g.r < g.w && headTime(g) <= secondT);
        if (g.r >= g.w)
            live.erase(live.begin() + std::ptrdiff_t(best));
    }
    for (const Range &g : ranges)
        m_ring.slot(g.slot)->read.store(g.r, std::memory_order_release);
    m_recordsRead += count;
    return count;
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
