#include "slotpool.h"

#include <algorithm>

namespace proclab {

namespace {
std::uint32_t poolEnd(const TraceRing &ring)
{
    return std::min(ring.header()->slotCount, kFirstPooledSlot + kMaxPooledProcesses);
}
} // namespace

int reservePooledSlot(const TraceRing &ring)
{
    if (!ring.valid())
        return -1;
    for (std::uint32_t i = kFirstPooledSlot; i < poolEnd(ring); ++i) {
        std::int32_t expected = 0;
        if (ring.slot(i)->pid.compare_exchange_strong(expected, -1, std::memory_order_acq_rel))
            return int(i);
    }
    ring.header()->processesRefused.fetch_add(1, std::memory_order_relaxed);
    return -1;
}

void setSlotOwner(const TraceRing &ring, std::uint32_t slot, pid_t pid)
{
    if (ring.valid() && slot < ring.header()->slotCount)
        ring.slot(slot)->pid.store(pid, std::memory_order_release);
}

bool releaseSlotOf(const TraceRing &ring, pid_t pid)
{
    if (!ring.valid() || pid <= 0)
        return false;
    for (std::uint32_t i = kFirstPooledSlot; i < poolEnd(ring); ++i) {
        std::int32_t expected = pid;
        if (ring.slot(i)->pid.compare_exchange_strong(expected, 0, std::memory_order_acq_rel))
            return true;
    }
    return false;
}

std::uint32_t pooledSlotsInUse(const TraceRing &ring)
{
    std::uint32_t n = 0;
    if (ring.valid())
        for (std::uint32_t i = kFirstPooledSlot; i < poolEnd(ring); ++i)
            n += ring.slot(i)->pid.load(std::memory_order_acquire) != 0;
    return n;
}

} // namespace proclab
