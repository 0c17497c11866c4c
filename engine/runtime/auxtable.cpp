#include "auxtable.h"

#include <cerrno>
#include <sys/mman.h>
#include <unistd.h>

namespace proclab {

std::size_t AuxTable::bytes()
{
    return kEntries * sizeof(Entry);
}

int AuxTable::create()
{
    const int fd = memfd_create("proclab-pytrace", 0);
    if (fd < 0)
        return -1;
    if (ftruncate(fd, off_t(bytes())) != 0) {
        const int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

bool AuxTable::attach(int fd)
{
    void *p = mmap(nullptr, bytes(), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        return false;
    m_entries = static_cast<Entry *>(p);
    return true;
}

AuxTable::Entry *AuxTable::find(std::uint64_t key, bool insert) const
{
    if (!m_entries || key == 0)
        return nullptr;
    // Fibonacci hashing spreads the (often similar) keys over the table.
    std::size_t i = std::size_t((key * 0x9E3779B97F4A7C15ull) >> 48) & (kEntries - 1);
    for (std::size_t probes = 0; probes < kEntries; ++probes, i = (i + 1) & (kEntries - 1)) {
        Entry &e = m_entries[i];
        std::uint64_t k = e.key.load(std::memory_order_acquire);
        if (k == key)
            return &e;
        if (k == 0) {
            if (!insert)
                return nullptr;
            if (e.key.compare_exchange_strong(k, key, std::memory_order_acq_rel))
                return &e;
            if (k == key) // another process claimed it for the same key
                return &e;
        }
    }
    return nullptr;
}

std::int64_t AuxTable::add(std::uint64_t key, std::int64_t delta)
{
    Entry *e = find(key, true);
    if (!e)
        return -1;
    return e->value.fetch_add(delta, std::memory_order_acq_rel) + delta;
}

std::int64_t AuxTable::get(std::uint64_t key) const
{
    const Entry *e = find(key, false);
    return e ? e->value.load(std::memory_order_acquire) : 0;
}

void AuxTable::set(std::uint64_t key, std::int64_t value)
{
    if (Entry *e = find(key, true))
        e->value.store(value, std::memory_order_release);
}

} // namespace proclab
