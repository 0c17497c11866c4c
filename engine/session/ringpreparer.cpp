#include "ringpreparer.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace proclab {

namespace {
constexpr std::uint64_t kChunk = kPrepareChunk;
constexpr std::size_t kChunksPerPass = 16; // 1 MiB, a few hundred microseconds
// With nothing to do, look again after 1 ms while the writers move, backing
// off to 16 ms while they are still.
constexpr auto kMinWait = std::chrono::milliseconds(1);
constexpr auto kMaxWait = std::chrono::milliseconds(16);

std::uint64_t roundUpToChunk(std::uint64_t n)
{
    return (n + kChunk - 1) / kChunk * kChunk;
}
} // namespace

RingPreparer::~RingPreparer()
{
    stop();
    if (m_thread.joinable())
        m_thread.join();
}

void RingPreparer::start()
{
    if (!m_thread.joinable())
        m_thread = std::thread([this] { run(); });
}

void RingPreparer::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
}

std::size_t RingPreparer::prepareOnce(std::size_t maxChunks)
{
    if (m_unsupported || !m_ring.valid())
        return 0;
    const RingHeader *h = m_ring.header();
    const std::uint64_t capacity = h->slotCapacity;
    if (capacity < 2 * kChunk)
        return 0; // the writers do not map ahead in a slot this small
    const std::uint32_t claimed =
        std::min(h->slotsClaimed.load(std::memory_order_acquire), h->slotCount);

    // What each slot wants: a writer that has written a chunk's worth gets
    // prepared as far ahead as it has come, up to kAheadRecords. (Most
    // processes write a few records: nothing for them; the first slots were
    // prepared by the runner before the lab started.)
    struct Want
    {
        std::uint32_t index;
        std::uint64_t from, to;
        std::uint64_t margin; // prepared beyond the writer: who is furthest behind goes first
    };
    Want wants[64];
    std::size_t count = 0;
    std::uint64_t moved = 0;
    for (std::uint32_t s = 0; s < claimed && count < std::size(wants); ++s) {
        SlotHeader *slot = m_ring.slot(s);
        const std::uint64_t w = std::min(slot->written.load(std::memory_order_relaxed), capacity);
        moved += w;
        if (w < kChunk || slot->pid.load(std::memory_order_relaxed) == 0)
            continue;
        // What the writer has passed exists: start from its chunk.
        m_ring.markPrepared(s, w / kChunk * kChunk);
        const std::uint64_t from = slot->prepared.load(std::memory_order_relaxed);
        const std::uint64_t to = std::min(capacity, roundUpToChunk(w + std::min(w, kAheadRecords)));
        if (from < to)
            wants[count++] = {s, from, to, from - w / kChunk * kChunk};
    }

    m_writersMoved = moved != m_lastWritten;
    m_lastWritten = moved;

    std::size_t done = 0;
    while (done < maxChunks && count > 0) {
        Want *next = std::min_element(wants, wants + count, [](const Want &a, const Want &b) {
            return a.margin < b.margin;
        });
        if (!m_ring.prepareChunk(next->index)) {
            // A kernel before 5.14, or no memory for the ring: the writers
            // fault their own pages.
            m_unsupported = true;
            return done;
        }
        ++done;
        next->from += kChunk;
        next->margin += kChunk;
        if (next->from >= next->to)
            *next = wants[--count];
    }
    return done;
}

void RingPreparer::run()
{
    // Only CPU time nobody else wants: preparing must never delay the lab.
    const sched_param none{};
    if (sched_setscheduler(0, SCHED_IDLE, &none) != 0)
        setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), 19);
    auto wait = kMinWait;
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        lock.unlock();
        const std::size_t n = prepareOnce(kChunksPerPass);
        lock.lock();
        if (n > 0)
            continue;
        if (m_unsupported)
            return;
        if (m_writersMoved)
            wait = kMinWait;
        m_wake.wait_for(lock, wait, [this] { return m_stop; });
        wait = std::min(kMaxWait, wait * 2);
    }
}

} // namespace proclab
