#pragma once
// Turns ring records into events: lanes named, intervals opened and closed,
// arrows linked. One case per record kind (decodeOne); what it emits goes to
// an EventSink: during a run the event store itself (StoreSink: compact rows,
// no QJsonObject, millions of records a second), in tests a sink that builds
// TraceEvents with their arguments (decode()).
// Keeps what it must remember across batches (open zombies, reaped lanes).

#include "eventstore.h"
#include "traceevent.h"
#include "tracerecord.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QStringList>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proclab {

struct RawRecord
{
    Record record;
    std::string text;
};

// Where decoded events go. Values are in the store's row encoding (eventargs.h).
class EventSink
{
public:
    virtual ~EventSink() = default;
    virtual void process(qint64 pid, double ts, const EventStore::ProcessInfo &info) = 0;
    virtual void begin(qint64 pid, double ts, EventKind k, qint64 a, qint64 b) = 0;
    virtual void end(qint64 pid, double ts, EventKind k, quint8 endFlags) = 0;
    virtual void instant(qint64 pid, double ts, EventKind k, qint64 a, qint64 b, quint8 flags) = 0;
    virtual void state(qint64 pid, double ts, int code) = 0;
    virtual void cpu(qint64 pid, double ts, int cpu) = 0;
    virtual void cpuShare(qint64 pid, double ts, int percent) = 0;
    virtual void queueDepth(qint64 pid, double ts, qint64 queue, qint64 depth) = 0;
    virtual void flow(bool start, qint64 id, EventKind k, qint64 pid, double ts) = 0;
    virtual quint32 text(std::string_view utf8) = 0;       // interned (names, keys)
    virtual quint32 uniqueText(std::string_view utf8) = 0; // printed lines, messages
    virtual void object(qint64 id, std::string_view name) = 0;
    virtual void summary(const QJsonObject &s) = 0;
    virtual void runStatus(const QString &status) = 0;
    // The event just emitted (of `k` at `ts` on `pid`) was caused at
    // file:line of a Python program (`file`: its path's text id).
    virtual void location(qint64 pid, double ts, EventKind k, qint64 line, quint32 file) = 0;
    virtual void sharedName(std::string_view name) = 0; // a /dev/shm name the program made
};

// The live sink: straight into an EventStore.
class StoreSink : public EventSink
{
public:
    explicit StoreSink(EventStore &store) : m_store(store) {}
    void process(qint64 pid, double ts, const EventStore::ProcessInfo &info) override;
    void begin(qint64 pid, double ts, EventKind k, qint64 a, qint64 b) override
    {
        m_store.begin(pid, ts, k, a, b);
    }
    void end(qint64 pid, double ts, EventKind k, quint8 endFlags) override
    {
        m_store.end(pid, ts, k, endFlags);
    }
    void instant(qint64 pid, double ts, EventKind k, qint64 a, qint64 b, quint8 flags) override
    {
        m_store.instant(pid, ts, k, a, b, flags);
    }
    void state(qint64 pid, double ts, int code) override { m_store.stateSample(pid, ts, code); }
    void cpu(qint64 pid, double ts, int cpu) override { m_store.cpuSample(pid, ts, cpu); }
    void cpuShare(qint64 pid, double ts, int p) override { m_store.cpuShare(pid, ts, p); }
    void queueDepth(qint64 pid, double ts, qint64 queue, qint64 depth) override;
    void flow(bool start, qint64 id, EventKind k, qint64 pid, double ts) override
    {
        m_store.flow(start, id, k, pid, ts);
    }
    quint32 text(std::string_view utf8) override { return m_store.text(utf8); }
    quint32 uniqueText(std::string_view utf8) override;
    void object(qint64 id, std::string_view name) override;
    void summary(const QJsonObject &s) override { m_summary = s; }
    void runStatus(const QString &status) override { m_status = status; }
    void location(qint64 pid, double ts, EventKind k, qint64 line, quint32 file) override
    {
        m_store.location(pid, ts, k, line, file);
    }
    void sharedName(std::string_view name) override
    {
        m_sharedNames << QString::fromUtf8(name.data(), qsizetype(name.size()));
    }

    // The latest summary / run status decoded, taken once.
    std::optional<QJsonObject> takeSummary() { return std::exchange(m_summary, std::nullopt); }
    std::optional<QString> takeRunStatus() { return std::exchange(m_status, std::nullopt); }
    QStringList takeSharedNames() { return std::exchange(m_sharedNames, {}); }

private:
    EventStore &m_store;
    QHash<qint64, quint32> m_objectNames;
    std::optional<QJsonObject> m_summary;
    std::optional<QString> m_status;
    QStringList m_sharedNames;
};

class RecordDecoder
{
public:
    // Record times are ticks of the writers' clock: nanoseconds of
    // CLOCK_MONOTONIC (ticksPerUs 1000), or the TSC (see TraceRing).
    explicit RecordDecoder(std::uint64_t origin = 0, double ticksPerUs = 1000.0)
        : m_origin(origin), m_ticksPerUs(ticksPerUs)
    {
    }
    void setT0(std::uint64_t origin) { m_origin = origin; }
    void setClock(std::uint64_t origin, double ticksPerUs)
    {
        m_origin = origin;
        m_ticksPerUs = ticksPerUs;
    }
    void setRunnerPid(qint64 pid) { m_runnerPid = pid; }
    qint64 runnerPid() const { return m_runnerPid; }

    // One record (its text already joined) into `sink`.
    void decodeOne(const Record &r, std::string_view text, EventSink &sink);
    double timeOf(std::uint64_t ticks) const
    {
        return ticks >= m_origin ? double(ticks - m_origin) / m_ticksPerUs : 0.0;
    }

    // Tests and small tools: one batch to TraceEvents with their arguments,
    // sorted by time first (as a drained batch of several slots).
    struct Batch
    {
        TraceEvents events;
        std::optional<QJsonObject> summary;
        std::optional<QString> runStatus;
        QStringList sharedNames; // /dev/shm names the program made (SharedName)
    };
    Batch decode(std::vector<RawRecord> records);

    static QString runStatusName(std::int64_t status);

private:
    void decodeRecord(const Record &r, std::string_view text, EventSink &sink);

    std::uint64_t m_origin;
    double m_ticksPerUs;
    qint64 m_runnerPid = 0;
    qint64 m_mainPid = 0; // queue depth counters live on MainProcess's lane
    QSet<qint64> m_zombieOpen;
    QSet<qint64> m_stateOpen; // lanes with a sampled state not yet ended by their reap
    QSet<qint64> m_reaped;
    // The CPython engine's records.
    QSet<qint64> m_exited;                // lanes whose exit is known: a later one (at reap) is dropped
    QHash<qint64, quint32> m_sourceFiles; // SourceFile object id -> text id of its path
    struct PendingLoc
    {
        std::uint64_t tNs = 0;
        qint64 file = 0;
        qint64 line = 0;
    };
    QHash<qint64, PendingLoc> m_pendingLoc; // lane -> where its next record was caused
    QHash<qint64, std::vector<EventKind>> m_syncWaits; // lane -> its open Event/Condition/Barrier waits
    // decode()'s names and objects (the TraceEvent sink resolves them at once).
    std::shared_ptr<struct DecoderNames> m_names;
};

} // namespace proclab
