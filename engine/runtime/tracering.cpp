#include "tracering.h"

#include "bootstrap.h"

#include <cerrno>
#include <new>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace proclab {

namespace {
constexpr std::size_t kPage = 4096;
std::size_t roundUp(std::size_t n)
{
    return (n + kPage - 1) / kPage * kPage;
}
std::size_t slotHeadersOffset()
{
    return roundUp(sizeof(RingHeader));
}
std::size_t recordsOffset(std::uint32_t slotCount)
{
    return slotHeadersOffset() + roundUp(sizeof(SlotHeader) * slotCount);
}
} // namespace

std::size_t TraceRing::bytesFor(std::uint32_t slotCount, std::uint32_t slotCapacity)
{
    return recordsOffset(slotCount) + std::size_t(slotCount) * slotCapacity * sizeof(Record);
}

int TraceRing::create(std::uint32_t slotCount, std::uint32_t slotCapacity, TraceRing *out)
{
    if (slotCount == 0 || slotCapacity == 0 || (slotCapacity & (slotCapacity - 1)) != 0) {
        errno = EINVAL;
        return -1;
    }
    const int fd = memfd_create("proclab-trace", 0);
    if (fd < 0)
        return -1;
    const std::size_t bytes = bytesFor(slotCount, slotCapacity);
    // ftruncate leaves the file sparse: only pages that records touch cost memory.
    if (ftruncate(fd, off_t(bytes)) != 0) {
        const int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    void *p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        const int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    auto *h = new (p) RingHeader{};
    h->magic = kRingMagic;
    h->version = kRingVersion;
    h->slotCount = slotCount;
    h->slotCapacity = slotCapacity;
    for (std::uint32_t i = 0; i < slotCount; ++i)
        new (static_cast<char *>(p) + slotHeadersOffset() + i * sizeof(SlotHeader)) SlotHeader{};
    out->m_header = h;
    out->m_bytes = bytes;
    return fd;
}

bool TraceRing::attach(int fd, TraceRing *out)
{
    struct stat st
    {
    };
    if (fstat(fd, &st) != 0)
        return false;
    if (std::size_t(st.st_size) < sizeof(RingHeader)) {
        errno = EINVAL;
        return false;
    }
    void *p = mmap(nullptr, std::size_t(st.st_size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        return false;
    auto *h = static_cast<RingHeader *>(p);
    if (h->magic != kRingMagic || h->version != kRingVersion ||
        bytesFor(h->slotCount, h->slotCapacity) > std::size_t(st.st_size)) {
        munmap(p, std::size_t(st.st_size));
        errno = EINVAL;
        return false;
    }
    out->m_header = h;
    out->m_bytes = std::size_t(st.st_size);
    return true;
}

void TraceRing::unmap()
{
    if (m_header)
        munmap(m_header, m_bytes);
    m_header = nullptr;
    m_bytes = 0;
}

void spillPath(const char *dir, std::uint32_t slot, char *out, std::size_t size)
{
    std::size_t n = 0;
    auto put = [&](char c) {
        if (n + 1 < size)
            out[n++] = c;
    };
    for (const char *p = dir; *p; ++p)
        put(*p);
    for (const char *p = "/slot-"; *p; ++p)
        put(*p);
    char digits[12];
    int d = 0;
    do {
        digits[d++] = char('0' + slot % 10);
        slot /= 10;
    } while (slot && d < 11);
    while (d)
        put(digits[--d]);
    for (const char *p = ".spill"; *p; ++p)
        put(*p);
    out[n] = '\0';
}

SlotHeader *TraceRing::slot(std::uint32_t i) const
{
    return reinterpret_cast<SlotHeader *>(reinterpret_cast<char *>(m_header) + slotHeadersOffset() +
                                          i * sizeof(SlotHeader));
}

Record *TraceRing::records(std::uint32_t i) const
{
    return reinterpret_cast<Record *>(reinterpret_cast<char *>(m_header) +
                                      recordsOffset(m_header->slotCount) +
                                      std::size_t(i) * m_header->slotCapacity * sizeof(Record));
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 // Linux 5.14
#endif

bool TraceRing::prepareChunk(std::uint32_t i) const
{
    SlotHeader *s = slot(i);
    const std::uint64_t from = s->prepared.load(std::memory_order_relaxed);
    if (from + kPrepareChunk > m_header->slotCapacity)
        return false;
    if (::madvise(records(i) + from, kPrepareChunkBytes, MADV_POPULATE_WRITE) != 0)
        return false;
    markPrepared(i, from + kPrepareChunk);
    return true;
}

void TraceRing::markPrepared(std::uint32_t i, std::uint64_t records) const
{
    // The runner and the host may prepare the same slot at once: never back.
    std::atomic<std::uint64_t> &prepared = slot(i)->prepared;
    std::uint64_t seen = prepared.load(std::memory_order_relaxed);
    while (seen < records &&
           !prepared.compare_exchange_weak(seen, records, std::memory_order_release)) {
    }
}

bool TraceRing::prepare(std::uint32_t i, std::uint64_t records) const
{
    while (slot(i)->prepared.load(std::memory_order_relaxed) < records)
        if (!prepareChunk(i))
            return false;
    return true;
}

void TraceRing::prepareStart() const
{
    for (std::uint32_t s = kMainSlot; s <= kMainSlot + kSpareSlots && s < m_header->slotCount; ++s)
        if (!prepare(s, s == kMainSlot ? kSpareRecords / 4 : kSpareRecords))
            return;
}

} // namespace proclab
