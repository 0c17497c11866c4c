#include "tracedrain.h"

#include "tracewriter.h"

#include <QtGlobal>
#include <chrono>
#include <cstdio>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace proclab {

namespace {
constexpr auto kPublishEvery = std::chrono::milliseconds(16); // ~60 Hz: smooth live drawing
constexpr auto kIdleWait = std::chrono::milliseconds(8);
constexpr auto kCalibrate = std::chrono::milliseconds(20); // TSC rate, against CLOCK_MONOTONIC
constexpr int kNice = 10; // below the lab's processes, above nothing else of ours
} // namespace

TraceDrain::TraceDrain(RingReader &ring, std::unique_ptr<EventStore> store, RecordDecoder decoder,
                       std::function<void()> notify)
    : m_ring(ring), m_store(std::move(store)), m_decoder(decoder), m_sink(*m_store),
      m_notify(std::move(notify))
{
}

TraceDrain::~TraceDrain()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void TraceDrain::start()
{
    m_thread = std::thread([this] { run(); });
}

void TraceDrain::finish()
{
    {
        std::lock_guard lock(m_mutex);
        m_finish = true;
    }
    m_wake.notify_all();
}

std::optional<TraceDrain::Update> TraceDrain::take()
{
    std::lock_guard lock(m_mutex);
    m_notified = false;
    return std::exchange(m_pending, std::nullopt);
}

void TraceDrain::publish(bool final, LostUpdates::Result lost)
{
    Update u;
    u.snapshot = m_store->snapshot();
    if (auto s = m_sink.takeSummary())
        m_summary = s;
    if (auto s = m_sink.takeRunStatus())
        m_status = s;
    u.final = final;
    u.lost = lost;
    u.records = m_ring.recordsRead();
    u.spilledBytes = m_store->spilledBytes();
    u.sharedNames = m_sink.takeSharedNames();
    bool notify = false;
    {
        std::lock_guard lock(m_mutex);
        if (m_pending) {
            // Not taken yet: keep what it carried that this one would drop.
            u.snapshot.touched += m_pending->snapshot.touched;
            u.sharedNames = m_pending->sharedNames + u.sharedNames;
            if (!m_summary)
                u.summary = m_pending->summary;
            if (!m_status)
                u.runStatus = m_pending->runStatus;
        }
        if (m_summary)
            u.summary = std::exchange(m_summary, std::nullopt);
        if (m_status)
            u.runStatus = std::exchange(m_status, std::nullopt);
        m_pending = std::move(u);
        notify = !std::exchange(m_notified, true);
    }
    if (notify && m_notify)
        m_notify();
}

void TraceDrain::run()
{
    // Below the lab: a busy lab goes first (writers spill meanwhile).
    setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), kNice);
    using Clock = std::chrono::steady_clock;
    {
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, kCalibrate, [&] { return m_stop || m_finish; });
        if (m_stop)
            return;
    }
    m_decoder.setClock(m_ring.ring().header()->clockOrigin, m_ring.ticksPerUs());
    auto lastPublish = Clock::now() - kPublishEvery;
    const bool stats = qEnvironmentVariableIsSet("PROCLAB_DRAIN_STATS");
    auto lastStats = Clock::now();
    bool dirty = true;
    for (;;) {
        bool finishing;
        {
            std::lock_guard lock(m_mutex);
            if (m_stop)
                return;
            finishing = m_finish;
        }
        // A Python run's MainProcess moves time 0 to its own start (Python's
        // start-up is not the program's): the ns clock's origin is read anew.
        if (m_ring.ring().header()->clock == kClockMonotonic)
            m_decoder.setClock(m_ring.ring().header()->t0Ns, 1000.0);
        const std::uint64_t n = m_ring.drainInto(m_decoder, m_sink);
        dirty = dirty || n > 0;
        m_store->spillIfNeeded();
        if (finishing && n == 0) {
            // Every writer is gone: what is left was read; now the analysis.
            const LostUpdates::Result lost =
                LostUpdates::analyseInto(m_store->snapshot(), *m_store);
            m_store->spillIfNeeded();
            m_ring.removeSpillFiles();
            publish(true, lost);
            return;
        }
        const auto now = Clock::now();
        if (stats && now - lastStats >= std::chrono::seconds(1)) {
            // A measurement aid: how far the drain is and what it holds.
            const struct mallinfo2 mi = mallinfo2();
            std::fprintf(stderr,
                         "drain: %llu records, %lld events, rows in memory %lld MB, on disk %lld MB, "
                         "heap %zu MB, backlog %llu\n",
                         (unsigned long long)m_ring.recordsRead(), (long long)m_store->eventCount(),
                         (long long)(m_store->residentBytes() >> 20),
                         (long long)(m_store->spilledBytes() >> 20), (mi.uordblks + mi.hblkhd) >> 20,
                         (unsigned long long)m_ring.backlog());
            lastStats = now;
        }
        if (dirty && now - lastPublish >= kPublishEvery) {
            publish(false);
            lastPublish = now;
            dirty = false;
        }
        if (n == 0 && !finishing) {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, kIdleWait, [&] { return m_stop || m_finish; });
        }
    }
}

} // namespace proclab
