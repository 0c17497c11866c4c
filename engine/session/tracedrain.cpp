#include "tracedrain.h"

#include "accessorder.h"
#include "tracewriter.h"

#include <QtGlobal>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace proclab {

namespace {
constexpr auto kPublishEvery = std::chrono::milliseconds(16); // ~60 Hz: smooth live drawing
constexpr auto kIdleWait = std::chrono::milliseconds(8);
constexpr auto kCalibrate = std::chrono::milliseconds(20); // TSC rate, against CLOCK_MONOTONIC
constexpr std::uint64_t kPassRecords = 1u << 17; // ~10 ms of decoding
constexpr int kFinishNice = 0; // after the run (see finish())
constexpr int kNice = 10; // below the lab's processes, above nothing else of ours

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}
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
    if (m_finisher.joinable())
        m_finisher.join(); // it joined m_thread
    else if (m_thread.joinable())
        m_thread.join();
}

void TraceDrain::start()
{
    m_thread = std::thread([this] { run(true); });
}

void TraceDrain::finish()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_finish)
            return;
        m_finish = true;
    }
    m_wake.notify_all();
    // The low-priority thread stops after its current pass; this one, at
    // normal priority, reads the rest and analyses.
    m_finisher = std::thread([this] {
        // No lab process is left to go first: the GUI's equal (it sleeps
        // most of the time, so the scheduler still wakes it at once). At
        // nice 4, two busy processes beside the host left it a quarter of
        // the CPU and the catch-up took three times as long.
        setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), kFinishNice);
        if (m_thread.joinable())
            m_thread.join();
        run(false);
    });
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

void TraceDrain::run(bool background)
{
    using Clock = std::chrono::steady_clock;
    if (background) {
        // Below the lab: a busy lab goes first (writers spill meanwhile).
        setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), kNice);
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, kCalibrate, [&] { return m_stop || m_finish; });
        if (m_stop || m_finish)
            return; // finish(): m_finisher sets the clock and drains
    }
    if (!m_clockSet) {
        m_decoder.setClock(m_ring.ring().header()->clockOrigin, m_ring.ticksPerUs());
        m_clockSet = true;
    }
    auto lastPublish = Clock::now() - kPublishEvery;
    const bool stats = qEnvironmentVariableIsSet("PROCLAB_DRAIN_STATS");
    auto lastStats = Clock::now();
    const auto runStart = Clock::now();
    const std::uint64_t recordsAtStart = m_ring.recordsRead();
    const double cpuAtStart = threadCpuSeconds();
    bool dirty = true;
    for (;;) {
        bool finishing;
        {
            std::lock_guard lock(m_mutex);
            if (m_stop)
                return;
            finishing = m_finish;
        }
        if (background && finishing)
            return; // m_finisher goes on from here
        // A Python run's MainProcess moves time 0 to its own start (Python's
        // start-up is not the program's): the ns clock's origin is read anew.
        if (m_ring.ring().header()->clock == kClockMonotonic)
            m_decoder.setClock(m_ring.ring().header()->t0Ns, 1000.0);
        // Passes of a bounded size: finish() is noticed within one.
        const std::uint64_t n = m_ring.drainInto(m_decoder, m_sink, kPassRecords);
        dirty = dirty || n > 0;
        m_store->spillIfNeeded();
        if (finishing && n == 0) {
            // Every writer is gone: what is left was read; now the analysis.
            const auto a0 = Clock::now();
            const double cpuDrained = threadCpuSeconds();
            const qint64 retimed = AccessOrder::repair(m_store->snapshot(), *m_store);
            const auto a1 = Clock::now();
            const LostUpdates::Result lost =
                LostUpdates::analyseInto(m_store->snapshot(), *m_store);
            if (stats)
                std::fprintf(stderr,
                             "drain: after the runner: %llu records in %.0f ms (%.0f ms CPU); "
                             "%lld access times ordered in %.0f ms, lost-update analysis %.0f ms; "
                             "drain thread CPU %.2f s\n",
                             (unsigned long long)(m_ring.recordsRead() - recordsAtStart),
                             std::chrono::duration<double, std::milli>(a0 - runStart).count(),
                             (cpuDrained - cpuAtStart) * 1e3, (long long)retimed,
                             std::chrono::duration<double, std::milli>(a1 - a0).count(),
                             std::chrono::duration<double, std::milli>(Clock::now() - a1).count(),
                             threadCpuSeconds());
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
                         "heap %zu MB, backlog %llu, drain thread CPU %.2f s\n",
                         (unsigned long long)m_ring.recordsRead(), (long long)m_store->eventCount(),
                         (long long)(m_store->residentBytes() >> 20),
                         (long long)(m_store->spilledBytes() >> 20), (mi.uordblks + mi.hblkhd) >> 20,
                         (unsigned long long)m_ring.backlog(), threadCpuSeconds());
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
