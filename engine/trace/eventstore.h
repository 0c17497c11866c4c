#pragma once
// The compact event store of a run (issue 12): what TraceModel shows and
// every view, analysis and export reads.
//
// Per lane (one real process) it keeps columns, not objects: intervals (one
// track per nesting depth, so each track's intervals are disjoint and in
// time order), "notable" markers (start, exit, error, ...: few, drawn one by
// one), the bulk of markers (read, write, put, get, send, recv, stdout, ...),
// lost updates, sampled /proc states, CPUs and CPU shares, queue depths and
// other counters. A row is 26-42 bytes (time, end, two values, kind, flags);
// strings are interned once per store; an event's arguments (QJsonObject)
// are built only when something asks for them (a tooltip, the notes pane, an
// export): eventargs.h, one case per kind.
//
// One writer thread appends (the host's drain thread during a live run, or
// whoever builds a model); snapshot() publishes what is there so far as a
// StoreSnapshot that any thread may read while the writer goes on. Past a
// memory budget, full chunks move to a spill file in the store's directory on
// disk (removed with the store); reading them brings them back. A run of
// 128 M events keeps every event in well under 1 GB of memory that way.

#include "columnstore.h"
#include "eventkind.h"
#include "traceevent.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QVector>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace proclab {

struct Interval
{
    QString name;     // running, sleep, join, zombie, ...
    double t0 = 0;    // µs
    double t1 = -1;   // µs; < 0 while still open (a live run)
    int depth = 0;    // nesting level on the lane (running = 0, sleep inside it = 1)
    QJsonObject args; // Begin's args merged with End's
    EventKind kind = EventKind::None;

    bool open() const { return t1 < 0; }
    double endOr(double now) const { return open() ? now : t1; }
};

struct Marker
{
    QString name; // start, exit, terminate, ...
    double t = 0;
    QJsonObject args;
    EventKind kind = EventKind::None;
};

// The CPU a lane's process last ran on, as the runner sampled it.
struct CpuSample
{
    double t = 0; // µs
    int cpu = -1;
};

// The share of one CPU a lane's process used in a sampled window.
struct CpuShare
{
    double t0 = 0, t1 = 0; // µs
    int percent = 0;
};

struct Flow
{
    QString name; // start, send
    qint64 id = 0;
    qint64 fromPid = 0;
    double fromTs = 0;
    qint64 toPid = 0;
    double toTs = -1; // < 0 until the target end is known
};

// A lost update as the lost-update track keeps it (see LostUpdates).
struct LostRow
{
    double t = 0;        // the overwriting write
    double lostTs = 0;   // the write whose update was lost
    double readTs = 0;   // the read the overwriting write was based on
    int value = 0;       // written by the overwriting write
    int readValue = 0;
    int lostValue = 0;
    qint64 lostPid = 0;
    quint32 object = 0; // text id of the object's name
};

class EventStore;

// Strings of a store: ids are stable and readable from any thread while the
// writer adds more (chunked, never moved).
class StoreTexts
{
public:
    StoreTexts();
    ~StoreTexts();
    quint32 intern(const QString &s); // writer
    quint32 add(const QString &s);    // writer; not interned (a one-off text)
    QString at(quint32 id) const;     // 0 is the empty string
    quint32 size() const { return m_size.load(std::memory_order_acquire); }

private:
    static constexpr int kBlockShift = 12;
    static constexpr int kMaxBlocks = 1 << 16;
    std::unique_ptr<std::unique_ptr<QString[]>[]> m_blocks;
    std::atomic<quint32> m_size{0};
    QHash<QString, quint32> m_index;
};

// What turning compact rows back into arguments needs, as of one snapshot.
struct StoreContext
{
    std::shared_ptr<const StoreTexts> texts;
    std::shared_ptr<store::SpillFile> spill; // keeps the spill file (and its rows) alive
    QHash<qint64, QString> laneNames;        // pid -> name
    QHash<qint64, quint32> objects;          // shared object id -> text id of its name
    QVector<quint32> lostObjects;            // lost-update rows' object index -> text id
    qint64 runnerPid = 0;
    QString text(quint32 id) const { return texts ? texts->at(id) : QString(); }
    QString nameOf(qint64 pid) const;
    QString objectName(qint64 id) const;
};

struct LaneTracks
{
    std::vector<store::TrackView> depths; // intervals, one track per nesting depth
    store::TrackView notable;             // markers drawn one by one
    store::TrackView bulk;                // read, write, put, get, send, recv, stdout, ...
    store::TrackView lost;                // lost-update markers
    store::TrackView states;              // sampled /proc state spans: t, t1, a = SampledState
    store::TrackView cpus;                // t, a = CPU
    store::TrackView shares;              // t = window start, t1 = its end, a = percent
    store::TrackView queues;              // t, a = depth, b = text id of the queue's name (unsorted)
    store::TrackView counters;            // other counters: a = name text id, b = args JSON text id
    // Where in a Python program events were caused: t and kind of the event
    // (an interval's begin or a marker), a = line, b = text id of the file.
    store::TrackView locs;
};

// One lane of a snapshot: a real process and its tracks.
struct Lane
{
    qint64 pid = 0;
    QString name;
    qint64 ppid = 0;
    bool isMain = false;
    bool daemon = false;
    bool spawned = false;
    std::optional<int> exitcode;
    bool reaped = false;
    double firstTs = 0;
    double lastTs = 0;
    bool hasEvents = false;
    std::uint64_t kinds = 0;      // eventkind::bit() of every kind the lane has
    std::uint32_t stateCodes = 0; // 1 << SampledState code of every state sampled
    qint64 textLines = 0;         // stdout and error markers
    qint64 fileWrites = 0;        // writes without a version (files)

    LaneTracks tracks;
    std::shared_ptr<const StoreContext> context;

    // Arguments and names of rows of this lane's tracks.
    QJsonObject intervalArgs(const store::Row &r) const;
    QJsonObject markerArgs(const store::Row &r) const;
    QJsonObject lostArgs(const store::Row &r) const;
    LostRow lostRow(const store::Row &r) const;
    QString rowName(const store::Row &r) const; // the event's name (Other: its own)
    // A Python program's file and line of the event at `t` of `kind`, if known.
    std::optional<std::pair<QString, qint64>> locationOf(double t, EventKind kind) const;
    Interval interval(const store::Row &r, int depth) const;
    Marker marker(const store::Row &r) const;

    // Everything, materialised (cached; built on first use). Meant for small
    // runs and tests: views and analyses read the tracks instead.
    const QVector<Interval> &intervals() const; // by start, outer first
    const QVector<Marker> &markers() const;     // by time: notable, bulk and lost merged
    const QVector<Interval> &states() const;    // ev::StateRunning, ...
    const QVector<CpuSample> &cpuSamples() const;
    const QVector<CpuShare> &cpuShares() const;
    TraceEvents counterEvents() const; // every counter of the lane, as events

    // Queries that read only what they need.
    int stateCodeAt(double t, double now) const; // SampledState code, -1: none
    int cpuAt(double t) const;                   // -1: unknown
    int lastCpu() const;
    // The innermost interval covering t (depth, row), or depth -1.
    std::pair<int, std::size_t> innermostAt(double t, double now) const;
    std::size_t markerCount() const
    {
        return tracks.notable.size() + tracks.bulk.size() + tracks.lost.size();
    }

private:
    void addLocation(const store::Row &r, QJsonObject *args) const;
    struct Cache;
    mutable std::shared_ptr<Cache> m_cache;
};

// What a snapshot holds: lanes in row order (MainProcess first), flows, counts.
struct StoreSnapshot
{
    std::shared_ptr<const StoreContext> context;
    QVector<Lane> lanes;
    store::TrackView flows; // t = from, t1 = to (-1 unknown), a = id, b = from pid << 32 | to pid
    qint64 eventCount = 0;
    double endTs = 0;
    std::uint64_t generation = 0;
    QVector<qint64> touched; // pids of lanes changed since the previous snapshot

    QVector<Flow> flowList() const; // materialised, in order of first sight
};

// Packing of flow rows.
inline qint64 packFlowPids(qint64 from, qint64 to)
{
    return (from << 32) | (to & 0xffffffff);
}

class EventStore
{
public:
    // `directory`: where full chunks go once the store holds more than its
    // memory budget (empty: never spill). Created on first use.
    explicit EventStore(const QString &directory = {});
    ~EventStore();
    EventStore(const EventStore &) = delete;
    EventStore &operator=(const EventStore &) = delete;

    void setMemoryBudget(std::size_t bytes) { m_budget = bytes; }
    QString directory() const;
    std::int64_t spilledBytes() const;
    std::int64_t residentBytes() const { return m_spill->residentBytes.load(); }

    // ---- the writer (one thread at a time) ----
    struct ProcessInfo
    {
        std::optional<QString> name;
        std::optional<qint64> ppid;
        std::optional<bool> main, daemon, spawned;
    };
    void process(qint64 pid, const ProcessInfo &info);
    void begin(qint64 pid, double ts, EventKind k, qint64 a = 0, qint64 b = 0, quint8 flags = 0);
    void end(qint64 pid, double ts, EventKind k, quint8 endFlags = 0);
    void instant(qint64 pid, double ts, EventKind k, qint64 a = 0, qint64 b = 0, quint8 flags = 0);
    void stateSample(qint64 pid, double ts, int code); // SampledState; 0 ends the track
    void cpuSample(qint64 pid, double ts, int cpu);
    void cpuShare(qint64 pid, double ts, int percent);
    void queueDepth(qint64 pid, double ts, quint32 queueName, qint64 depth);
    void counter(qint64 pid, double ts, quint32 name, quint32 argsJson);
    void flow(bool start, qint64 id, EventKind k, qint64 pid, double ts);
    void lostUpdate(qint64 pid, const LostRow &row); // rows of one lane in time order
    // New times for rows of the lane's bulk markers (AccessOrder), by row.
    void retimeMarkers(qint64 pid, const std::vector<std::pair<std::size_t, double>> &rows);
    // The event of `kind` at `ts` on the lane was caused at file:line of a
    // Python program (`file`: text id of its path). Args then carry both.
    void location(qint64 pid, double ts, EventKind kind, qint64 line, quint32 file);
    quint32 text(const QString &s) { return m_texts->intern(s); }
    quint32 text(std::string_view utf8);
    quint32 uniqueText(const QString &s) { return m_texts->add(s); }
    void objectName(qint64 id, const QString &name);
    void setRunnerPid(qint64 pid) { m_runnerPid = pid; }
    qint64 eventCount() const { return m_eventCount; }

    // Generic events (hand-built, or read from a file): any phase, any order.
    // Lanes they touch are rebuilt from all generic events they ever got
    // (at once, or, with rebuild false, at rebuildPending()).
    void appendGeneric(const TraceEvents &events, bool rebuild = true);
    void rebuildPending();
    // No more generic events will come: forget them (the tracks stay).
    void dropGenericLogs();

    // Moves full chunks to disk while over the memory budget.
    void spillIfNeeded();

    // ---- readers ----
    StoreSnapshot snapshot();
    std::shared_ptr<const StoreTexts> texts() const { return m_texts; }

    // Time conversion for the live decoder's rows.
    static constexpr int kMaxDepth = 32;

private:
    struct LaneWriter;
    struct GenericLog;
    LaneWriter &lane(qint64 pid);
    void touch(LaneWriter &l, double ts);
    void rebuildGeneric(LaneWriter &l);
    void closeOpen(LaneWriter &l, std::size_t from, double ts, EventKind named, quint8 endFlags);
    void addMarker(LaneWriter &l, const store::Row &r, bool sorted);
    store::Row lostRowOf(const LostRow &l);

    std::shared_ptr<StoreTexts> m_texts;
    std::shared_ptr<store::SpillFile> m_spill;
    std::vector<std::weak_ptr<store::ChunkRef>> m_full; // spill candidates, oldest first
    std::size_t m_fullSpilled = 0;
    std::size_t m_budget;
    std::vector<std::unique_ptr<LaneWriter>> m_lanes; // in order of creation
    std::vector<int> m_rowOrder;                      // lane indexes, MainProcess first
    QHash<qint64, int> m_laneOfPid;
    qint64 m_lastPid = -1;
    int m_lastLane = -1;
    QHash<qint64, quint32> m_objects;
    QVector<quint32> m_lostObjects;
    std::unique_ptr<store::TrackWriter> m_flows;
    QHash<qint64, std::size_t> m_flowOfId; // flows still missing an end
    QHash<qint64, std::size_t> m_flowRow;  // every flow by id (generic appends)
    qint64 m_eventCount = 0;
    double m_endTs = 0;
    qint64 m_runnerPid = 0;
    std::uint64_t m_generation = 0;
    QVector<qint64> m_touched;
    std::vector<LaneWriter *> m_pendingRebuild;
    QHash<qint64, QString> m_laneNames;
    bool m_namesChanged = true;
    std::shared_ptr<const StoreContext> m_context;
};

} // namespace proclab
