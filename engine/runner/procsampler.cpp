#include "procsampler.h"

#include "bootstrap.h"
#include "procstat.h"
#include "tracewriter.h"

#include <algorithm>
#include <ctime>
#include <unistd.h>

namespace proclab {

namespace {
std::uint64_t threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::uint64_t(ts.tv_sec) * 1'000'000'000ull + std::uint64_t(ts.tv_nsec);
}
} // namespace

ProcSampler::ProcSampler(const TraceRing &ring, pid_t labGroup)
    : m_ring(ring), m_labGroup(labGroup),
      m_usPerTick(1'000'000 / std::uint64_t(std::max(1L, sysconf(_SC_CLK_TCK))))
{
}

// The parent a process recorded in its first record (ProcBegin), if that is
// still in its slot: a process orphaned before our first look at it is then
// still reported as re-parented. 0 if unknown.
pid_t ProcSampler::parentAtStart(std::uint32_t slot, pid_t pid) const
{
    const std::uint64_t written = m_ring.slot(slot)->written.load(std::memory_order_acquire);
    if (written == 0 || written > m_ring.header()->slotCapacity)
        return 0; // nothing yet, or the first record was overwritten
    const Record &first = m_ring.records(slot)[0];
    return first.kind == RecordKind::ProcBegin && first.pid == pid ? pid_t(first.a) : 0;
}

ProcSampler::~ProcSampler()
{
    for (Tracked &t : m_slots)
        if (t.fd >= 0)
            close(t.fd);
}

void ProcSampler::sampleOnce()
{
    const std::uint64_t cpu0 = threadCpuNs();
    RingHeader *h = m_ring.header();
    const std::uint32_t claimed = std::min(h->slotsClaimed.load(), h->slotCount);
    if (m_slots.size() < claimed)
        m_slots.resize(claimed);
    for (std::uint32_t i = kMainSlot; i < claimed; ++i) {
        const pid_t pid = m_ring.slot(i)->pid.load(std::memory_order_relaxed);
        if (pid <= 0)
            continue; // claimed, but the child has not bound it yet
        Tracked &t = m_slots[i];
        if (t.pid != pid) {
            if (t.fd >= 0)
                close(t.fd);
            t = Tracked{pid, detail::openProcStat(pid)};
            t.gone = t.fd < 0;
        }
        if (t.gone)
            continue;
        // The parent that started it, from its first record. The slot can name
        // the process before that record is written (a spawned child's slot is
        // given its pid by the parent; a forked one binds, then writes): look
        // again until it is there, or an orphan whose parent ended at once is
        // never seen re-parented.
        if (!t.startParentKnown) {
            if (const pid_t parent = parentAtStart(i, pid); parent != 0) {
                t.ppid = parent;
                t.startParentKnown = true;
            }
        }
        detail::ProcStat s;
        // Stamped before the read: a reap that follows the read is then
        // always later in the trace than the state it ended.
        const std::uint64_t now = trace::nowNs();
        const std::uint64_t stamp = trace::stamp(); // the records' clock
        ++m_reads;
        if (!detail::readProcStatFd(t.fd, &s) || s.pgrp != m_labGroup) {
            t.gone = true; // reaped (or, at first sight, a pid that is not the lab's any more)
            close(t.fd);
            t.fd = -1;
            continue;
        }
        const std::int64_t cpuUs = std::int64_t((s.utimeTicks + s.stimeTicks) * m_usPerTick);
        if (s.state != t.state) {
            trace::write(RecordKind::ProcState, pid, s.state, cpuUs, {}, stamp);
            ++m_records;
        }
        if (s.processor != t.cpu) {
            trace::write(RecordKind::ProcCpu, pid, s.processor, cpuUs, {}, stamp);
            ++m_records;
        }
        if (t.ppid != 0 && s.ppid != t.ppid) {
            trace::write(RecordKind::Reparent, pid, t.ppid, s.ppid, {}, stamp);
            ++m_records;
            t.startParentKnown = true; // seen re-parented: its first parent is known
        }
        if (t.windowStartNs == 0) {
            t.windowStartNs = now;
            t.windowStartCpuUs = cpuUs;
        } else if (now - t.windowStartNs >= kShareWindowNs) {
            const std::int64_t used = cpuUs - t.windowStartCpuUs;
            if (used > 0 || t.lastWindowBusy) {
                trace::write(RecordKind::ProcCpuTime, pid, used,
                             std::int64_t((now - t.windowStartNs) / 1000), {}, stamp);
                ++m_records;
            }
            t.lastWindowBusy = used > 0;
            t.windowStartNs = now;
            t.windowStartCpuUs = cpuUs;
        }
        t.state = s.state;
        t.cpu = s.processor;
        t.ppid = s.ppid;
    }
    ++m_rounds;
    m_costNs += threadCpuNs() - cpu0;
}

} // namespace proclab
