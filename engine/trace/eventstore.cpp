#include "eventstore.h"

#include "eventargs.h"
#include "sampledstate.h"
#include "tracerecord.h"

#include <QDir>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>

namespace proclab {

using store::Row;
using store::TrackView;
using store::TrackWriter;

namespace {
constexpr std::size_t kDefaultBudget = 192u << 20; // bytes of rows kept in memory
} // namespace

// ---- StoreTexts ----

StoreTexts::StoreTexts() : m_blocks(new std::unique_ptr<QString[]>[kMaxBlocks])
{
    intern(QString()); // id 0: the empty string
}

StoreTexts::~StoreTexts() = default;

quint32 StoreTexts::add(const QString &s)
{
    const quint32 id = m_size.load(std::memory_order_relaxed);
    const quint32 block = id >> kBlockShift;
    if (block >= quint32(kMaxBlocks))
        return 0; // 268 M distinct strings: keep the run going without them
    if (!m_blocks[block])
        m_blocks[block].reset(new QString[1u << kBlockShift]);
    m_blocks[block][id & ((1u << kBlockShift) - 1)] = s;
    m_size.store(id + 1, std::memory_order_release);
    return id;
}

quint32 StoreTexts::intern(const QString &s)
{
    const auto it = m_index.constFind(s);
    if (it != m_index.constEnd())
        return *it;
    const quint32 id = add(s);
    m_index.insert(s, id);
    return id;
}

QString StoreTexts::at(quint32 id) const
{
    if (id >= size())
        return {};
    return m_blocks[id >> kBlockShift][id & ((1u << kBlockShift) - 1)];
}

// ---- StoreContext ----

QString StoreContext::nameOf(qint64 pid) const
{
    const auto it = laneNames.constFind(pid);
    return it != laneNames.constEnd() ? *it : QStringLiteral("pid %1").arg(pid);
}

QString StoreContext::objectName(qint64 id) const
{
    const auto it = objects.constFind(id);
    return it != objects.constEnd() ? text(*it) : QString();
}

// ---- Lane ----

struct Lane::Cache
{
    std::optional<QVector<Interval>> intervals;
    std::optional<QVector<Marker>> markers;
    std::optional<QVector<Interval>> states;
    std::optional<QVector<CpuSample>> cpuSamples;
    std::optional<QVector<CpuShare>> cpuShares;
};

QString Lane::rowName(const Row &r) const
{
    if (r.kind == EventKind::Other)
        return context->text(quint32(r.a));
    return eventkind::name(r.kind);
}

namespace {
QJsonObject jsonOf(const StoreContext &ctx, quint32 id)
{
    return QJsonDocument::fromJson(ctx.text(id).toUtf8()).object();
}
} // namespace

QJsonObject Lane::intervalArgs(const Row &r) const
{
    if (r.flags & store::FlagGenericArgs)
        return jsonOf(*context, quint32(r.b));
    QJsonObject o = eventargs::begin(r.kind, r.a, r.b, r.flags, *context);
    const QJsonObject e = eventargs::end(r.kind, r.flags);
    for (auto it = e.begin(); it != e.end(); ++it)
        o.insert(it.key(), it.value());
    addLocation(r, &o);
    return o;
}

QJsonObject Lane::markerArgs(const Row &r) const
{
    if (r.flags & store::FlagGenericArgs)
        return jsonOf(*context, quint32(r.b));
    QJsonObject o = eventargs::marker(r.kind, r.a, r.b, r.flags, *context);
    addLocation(r, &o);
    return o;
}

std::optional<std::pair<QString, qint64>> Lane::locationOf(double t, EventKind kind) const
{
    const store::TrackView &locs = tracks.locs;
    if (locs.empty())
        return std::nullopt;
    for (std::size_t i = locs.lowerBound(t); i < locs.size(); ++i) {
        const Row l = locs.row(i);
        if (l.t != t)
            break;
        if (l.kind == kind)
            return std::make_pair(context->text(quint32(l.b)), qint64(l.a));
    }
    return std::nullopt;
}

void Lane::addLocation(const Row &r, QJsonObject *args) const
{
    if (const auto loc = locationOf(r.t, r.kind)) {
        args->insert(QStringLiteral("file"), loc->first);
        args->insert(QStringLiteral("line"), loc->second);
    }
}

LostRow Lane::lostRow(const Row &r) const
{
    LostRow l;
    l.t = r.t;
    l.lostTs = r.t1;
    l.readTs = r.t2;
    l.value = std::int32_t(std::uint32_t(quint64(r.a) >> 32));
    l.readValue = std::int32_t(std::uint32_t(r.a));
    l.lostValue = std::int32_t(std::uint32_t(r.b));
    l.lostPid = qint64((quint64(r.b) >> 32) & 0x3fffff);
    l.object = context->lostObjects.value(qsizetype(quint64(r.b) >> 54));
    if (r.flags & store::FlagGenericArgs) {
        const QJsonObject o = jsonOf(*context, quint32(r.b));
        l.lostPid = o.value(QLatin1String("lost_write_pid")).toInteger();
        l.lostValue = o.value(QLatin1String("lost_value")).toInt();
        l.readValue = o.value(QLatin1String("read_value")).toInt();
        l.value = o.value(QLatin1String("value")).toInt();
        l.object = 0;
    }
    return l;
}

QJsonObject Lane::lostArgs(const Row &r) const
{
    if (r.flags & store::FlagGenericArgs)
        return jsonOf(*context, quint32(r.b));
    LostRow l = lostRow(r);
    // The object's name: the lost-update objects are indexed in the texts.
    return eventargs::lost(l, *context);
}

Interval Lane::interval(const Row &r, int depth) const
{
    return Interval{rowName(r), r.t, r.t1, depth, intervalArgs(r), r.kind};
}

Marker Lane::marker(const Row &r) const
{
    if (r.kind == EventKind::LostUpdate && !(r.flags & store::FlagGenericArgs) &&
        r.t2 != 0) // lost-track rows carry their read's time in t2
        return Marker{eventkind::name(r.kind), r.t, lostArgs(r), r.kind};
    return Marker{rowName(r), r.t, markerArgs(r), r.kind};
}

const QVector<Interval> &Lane::intervals() const
{
    if (!m_cache)
        m_cache = std::make_shared<Cache>();
    if (!m_cache->intervals) {
        QVector<Interval> all;
        for (std::size_t d = 0; d < tracks.depths.size(); ++d) {
            const TrackView &v = tracks.depths[d];
            for (std::size_t i = 0; i < v.size(); ++i) {
                Row r = v.row(i);
                all.push_back(interval(r, int(d)));
            }
        }
        std::stable_sort(all.begin(), all.end(), [](const Interval &a, const Interval &b) {
            if (a.t0 != b.t0)
                return a.t0 < b.t0;
            return (a.open() ? INFINITY : a.t1) > (b.open() ? INFINITY : b.t1);
        });
        m_cache->intervals = std::move(all);
    }
    return *m_cache->intervals;
}

const QVector<Marker> &Lane::markers() const
{
    if (!m_cache)
        m_cache = std::make_shared<Cache>();
    if (!m_cache->markers) {
        QVector<Marker> all;
        all.reserve(qsizetype(markerCount()));
        for (const TrackView *v : {&tracks.notable, &tracks.bulk})
            for (std::size_t i = 0; i < v->size(); ++i)
                all.push_back(marker(v->row(i)));
        for (std::size_t i = 0; i < tracks.lost.size(); ++i) {
            const Row r = tracks.lost.row(i);
            all.push_back(Marker{ev::LostUpdate, r.t, lostArgs(r), EventKind::LostUpdate});
        }
        std::stable_sort(all.begin(), all.end(),
                         [](const Marker &a, const Marker &b) { return a.t < b.t; });
        m_cache->markers = std::move(all);
    }
    return *m_cache->markers;
}

const QVector<Interval> &Lane::states() const
{
    if (!m_cache)
        m_cache = std::make_shared<Cache>();
    if (!m_cache->states) {
        QVector<Interval> all;
        for (std::size_t i = 0; i < tracks.states.size(); ++i) {
            const Row r = tracks.states.row(i);
            all.push_back(Interval{sampledStateName(sampledStateFromCode(r.a)), r.t,
                                   tracks.states.t1(i), 0, {}, EventKind::State});
        }
        m_cache->states = std::move(all);
    }
    return *m_cache->states;
}

const QVector<CpuSample> &Lane::cpuSamples() const
{
    if (!m_cache)
        m_cache = std::make_shared<Cache>();
    if (!m_cache->cpuSamples) {
        QVector<CpuSample> all;
        for (std::size_t i = 0; i < tracks.cpus.size(); ++i) {
            const Row r = tracks.cpus.row(i);
            all.push_back(CpuSample{r.t, int(r.a)});
        }
        m_cache->cpuSamples = std::move(all);
    }
    return *m_cache->cpuSamples;
}

const QVector<CpuShare> &Lane::cpuShares() const
{
    if (!m_cache)
        m_cache = std::make_shared<Cache>();
    if (!m_cache->cpuShares) {
        QVector<CpuShare> all;
        for (std::size_t i = 0; i < tracks.shares.size(); ++i) {
            const Row r = tracks.shares.row(i);
            all.push_back(CpuShare{r.t, r.t1, int(r.a)});
        }
        m_cache->cpuShares = std::move(all);
    }
    return *m_cache->cpuShares;
}

TraceEvents Lane::counterEvents() const
{
    TraceEvents out;
    // States come back as the counters they were made of: one per change,
    // and "gone" where a span ends without a next one.
    for (std::size_t i = 0; i < tracks.states.size(); ++i) {
        const Row r = tracks.states.row(i);
        out.push_back({r.t, pid, TraceEvent::Counter, ev::State, eventargs::counter(EventKind::State, r.a), 0});
        const double end = tracks.states.t1(i);
        const bool next = i + 1 < tracks.states.size() && tracks.states.row(i + 1).t == end;
        if (end >= 0 && !next)
            out.push_back({end, pid, TraceEvent::Counter, ev::State,
                           eventargs::counter(EventKind::State, 0), 0});
    }
    for (std::size_t i = 0; i < tracks.cpus.size(); ++i) {
        const Row r = tracks.cpus.row(i);
        out.push_back({r.t, pid, TraceEvent::Counter, ev::Cpu, eventargs::counter(EventKind::Cpu, r.a), 0});
    }
    for (std::size_t i = 0; i < tracks.shares.size(); ++i) {
        const Row r = tracks.shares.row(i);
        out.push_back({r.t1, pid, TraceEvent::Counter, ev::CpuShare,
                       eventargs::counter(EventKind::CpuShare, r.a), 0});
    }
    for (std::size_t i = 0; i < tracks.queues.size(); ++i) {
        const Row r = tracks.queues.row(i);
        out.push_back({r.t, pid, TraceEvent::Counter,
                       ev::QueueCounterPrefix + context->text(quint32(r.b)),
                       eventargs::counter(EventKind::QueueDepth, r.a), 0});
    }
    for (std::size_t i = 0; i < tracks.counters.size(); ++i) {
        const Row r = tracks.counters.row(i);
        out.push_back({r.t, pid, TraceEvent::Counter, context->text(quint32(r.a)),
                       jsonOf(*context, quint32(r.b)), 0});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const TraceEvent &a, const TraceEvent &b) { return a.ts < b.ts; });
    return out;
}

int Lane::stateCodeAt(double t, double now) const
{
    const TrackView &v = tracks.states;
    const std::size_t up = v.upperBound(t);
    if (up == 0)
        return -1;
    const Row r = v.row(up - 1);
    const double end = v.t1(up - 1);
    if ((end < 0 && t <= now) || (end >= 0 && t < end))
        return int(r.a);
    return -1;
}

int Lane::cpuAt(double t) const
{
    const std::size_t up = tracks.cpus.upperBound(t);
    return up == 0 ? -1 : int(tracks.cpus.row(up - 1).a);
}

int Lane::lastCpu() const
{
    return tracks.cpus.empty() ? -1 : int(tracks.cpus.row(tracks.cpus.size() - 1).a);
}

std::pair<int, std::size_t> Lane::innermostAt(double t, double now) const
{
    for (int d = int(tracks.depths.size()) - 1; d >= 0; --d) {
        const TrackView &v = tracks.depths[std::size_t(d)];
        const std::size_t up = v.upperBound(t);
        if (up == 0)
            continue;
        const double end = v.t1(up - 1);
        if (end < 0 ? t <= std::max(now, v.row(up - 1).t) : t <= end)
            return {d, up - 1};
    }
    return {-1, 0};
}

// ---- StoreSnapshot ----

QVector<Flow> StoreSnapshot::flowList() const
{
    QVector<Flow> out;
    out.reserve(qsizetype(flows.size()));
    for (std::size_t i = 0; i < flows.size(); ++i) {
        const Row r = flows.row(i);
        Flow f;
        f.name = r.kind == EventKind::Other ? QStringLiteral("flow") : eventkind::name(r.kind);
        f.id = r.a;
        f.fromPid = r.b >> 32;
        f.toPid = qint64(std::uint32_t(r.b));
        f.fromTs = r.t;
        f.toTs = f.toPid != 0 ? r.t1 : -1;
        out.push_back(f);
    }
    return out;
}

// ---- EventStore: the writer ----

struct EventStore::GenericLog
{
    struct Entry
    {
        double ts;
        double dur; // X: its length; a typed lost update: the lost write's time
        double t2;  // a typed lost update: its read's time
        qint64 a, b;
        TraceEvent::Phase ph;
        EventKind kind;
        quint8 flags;
        bool typedLost;
        quint32 name;    // Other: the event's own name
        quint32 endArgs; // End with arguments of its own (generic JSON), else 0
    };
    std::vector<Entry> entries;
    qint64 counted = 0; // events of this log in the store's count
    bool pending = false;
};

struct EventStore::LaneWriter
{
    qint64 pid = 0;
    QString name;
    qint64 ppid = 0;
    bool isMain = false, daemon = false, spawned = false;
    std::optional<int> exitcode;
    bool reaped = false;
    double firstTs = INFINITY, lastTs = -INFINITY;
    bool hasEvents = false;

    std::vector<std::unique_ptr<TrackWriter>> depths;
    std::unique_ptr<TrackWriter> notable, bulk, lost, states, cpus, shares, queues, counters;
    std::unique_ptr<TrackWriter> locs; // a Python program's file and line of events
    struct Open
    {
        int depth;
        std::size_t row;
        EventKind kind;
    };
    std::vector<Open> open;
    bool stateOpen = false;
    std::unique_ptr<GenericLog> generic;
    std::uint64_t kinds = 0;
    std::uint32_t stateCodes = 0;
    qint64 textLines = 0;
    qint64 fileWrites = 0;
    std::uint64_t touchedAt = UINT64_MAX; // m_generation when last put in m_touched
};

EventStore::EventStore(const QString &directory)
    : m_texts(std::make_shared<StoreTexts>()),
      m_spill(std::make_shared<store::SpillFile>(directory)), m_budget(kDefaultBudget)
{
    m_flows = std::make_unique<TrackWriter>(store::ColT1, m_spill);
}

EventStore::~EventStore() = default;

QString EventStore::directory() const
{
    return m_spill->directory();
}

std::int64_t EventStore::spilledBytes() const
{
    return m_spill->bytesWritten();
}

quint32 EventStore::text(std::string_view utf8)
{
    return m_texts->intern(QString::fromUtf8(utf8.data(), qsizetype(utf8.size())));
}

EventStore::LaneWriter &EventStore::lane(qint64 pid)
{
    if (m_lastLane >= 0 && pid == m_lastPid) // (a trace may name any pid, -1 too)
        return *m_lanes[std::size_t(m_lastLane)];
    auto it = m_laneOfPid.constFind(pid);
    int index;
    if (it != m_laneOfPid.constEnd()) {
        index = *it;
    } else {
        auto l = std::make_unique<LaneWriter>();
        l->pid = pid;
        l->name = QStringLiteral("pid %1").arg(pid);
        auto track = [&](std::uint8_t cols) { return std::make_unique<TrackWriter>(cols, m_spill); };
        l->notable = track(0);
        l->bulk = track(0);
        l->lost = track(store::ColT1 | store::ColT2);
        l->states = track(store::ColT1);
        l->cpus = track(0);
        l->shares = track(store::ColT1);
        l->queues = track(0);
        l->counters = track(0);
        l->locs = track(0);
        index = int(m_lanes.size());
        m_lanes.push_back(std::move(l));
        m_rowOrder.push_back(index);
        m_laneOfPid.insert(pid, index);
        m_laneNames.insert(pid, m_lanes.back()->name);
        m_namesChanged = true;
    }
    m_lastPid = pid;
    m_lastLane = index;
    return *m_lanes[std::size_t(index)];
}

void EventStore::touch(LaneWriter &l, double ts)
{
    if (l.touchedAt != m_generation) {
        l.touchedAt = m_generation;
        m_touched.push_back(l.pid);
    }
    l.hasEvents = true;
    l.firstTs = std::min(l.firstTs, ts);
    l.lastTs = std::max(l.lastTs, ts);
    m_endTs = std::max(m_endTs, ts);
    ++m_eventCount;
}

void EventStore::process(qint64 pid, const ProcessInfo &info)
{
    LaneWriter &l = lane(pid);
    if (info.name && *info.name != l.name) {
        l.name = *info.name;
        m_laneNames.insert(pid, l.name);
        m_namesChanged = true;
    }
    if (info.ppid)
        l.ppid = *info.ppid;
    if (info.daemon)
        l.daemon = *info.daemon;
    if (info.spawned)
        l.spawned = *info.spawned;
    if (info.main)
        l.isMain = *info.main;
    if (l.isMain) {
        // MainProcess heads the rows.
        const int index = m_laneOfPid.value(pid);
        const auto at = std::find(m_rowOrder.begin(), m_rowOrder.end(), index);
        if (at != m_rowOrder.begin()) {
            m_rowOrder.erase(at);
            m_rowOrder.insert(m_rowOrder.begin(), index);
        }
    }
    if (l.touchedAt != m_generation) {
        l.touchedAt = m_generation;
        m_touched.push_back(pid);
    }
}

void EventStore::begin(qint64 pid, double ts, EventKind k, qint64 a, qint64 b, quint8 flags)
{
    LaneWriter &l = lane(pid);
    touch(l, ts);
    const int depth = std::min(int(l.open.size()), kMaxDepth - 1);
    while (int(l.depths.size()) <= depth)
        l.depths.push_back(std::make_unique<TrackWriter>(store::ColT1, m_spill));
    TrackWriter &t = *l.depths[std::size_t(depth)];
    if (t.openRow() >= 0) { // only past kMaxDepth: close what shares the track
        Row r = t.row(std::size_t(t.openRow()));
        r.t1 = ts;
        t.update(std::size_t(t.openRow()), r);
        t.setOpenRow(-1);
    }
    Row r;
    r.t = ts;
    r.t1 = -1;
    r.a = a;
    r.b = b;
    r.kind = k;
    r.flags = flags;
    t.append(r);
    t.setOpenRow(std::int64_t(t.size() - 1));
    l.open.push_back({depth, t.size() - 1, k});
    l.kinds |= eventkind::bit(k);
}

void EventStore::closeOpen(LaneWriter &l, std::size_t from, double ts, EventKind named,
                           quint8 endFlags)
{
    while (l.open.size() > from) {
        const LaneWriter::Open o = l.open.back();
        TrackWriter &t = *l.depths[std::size_t(o.depth)];
        const Row r = t.row(o.row);
        quint8 flags = r.flags;
        if (l.open.size() == from + 1 && o.kind == named)
            flags |= endFlags | store::FlagOwnEnd;
        t.setEnd(o.row, std::max(ts, r.t), flags);
        if (t.openRow() == std::int64_t(o.row))
            t.setOpenRow(-1);
        l.open.pop_back();
    }
}

void EventStore::end(qint64 pid, double ts, EventKind k, quint8 endFlags)
{
    LaneWriter &l = lane(pid);
    touch(l, ts);
    // The innermost open interval of that kind and everything opened inside
    // it: a process that dies while sleeping ends both.
    for (std::size_t i = l.open.size(); i-- > 0;)
        if (l.open[i].kind == k) {
            closeOpen(l, i, ts, k, endFlags);
            return;
        }
}

void EventStore::instant(qint64 pid, double ts, EventKind k, qint64 a, qint64 b, quint8 flags)
{
    LaneWriter &l = lane(pid);
    touch(l, ts);
    Row r;
    r.t = ts;
    r.a = a;
    r.b = b;
    r.kind = k;
    r.flags = flags;
    if (k == EventKind::Exit && !(flags & store::FlagGenericArgs))
        l.exitcode = int(a);
    if (k == EventKind::Reaped)
        l.reaped = true;
    addMarker(l, r, true);
}

void EventStore::location(qint64 pid, double ts, EventKind k, qint64 line, quint32 file)
{
    LaneWriter &l = lane(pid);
    Row r;
    r.t = ts;
    r.a = line;
    r.b = file;
    r.kind = k;
    l.locs->insertSorted(r);
}

void EventStore::addMarker(LaneWriter &l, const Row &r, bool sorted)
{
    l.kinds |= eventkind::bit(r.kind);
    if (r.kind == EventKind::Stdout || r.kind == EventKind::Error)
        ++l.textLines;
    if (r.kind == EventKind::Write && !(r.flags & store::FlagGenericArgs) && unpackVersion(r.a) == 0)
        ++l.fileWrites;
    TrackWriter &t = eventkind::isNotableMarker(r.kind) || (r.flags & store::FlagSentinel)
                         ? *l.notable
                         : *l.bulk;
    if (sorted)
        t.insertSorted(r);
    else
        t.append(r);
}

void EventStore::retimeMarkers(qint64 pid, const std::vector<std::pair<std::size_t, double>> &rows)
{
    lane(pid).bulk->retime(rows);
}

void EventStore::stateSample(qint64 pid, double ts, int code)
{
    LaneWriter &l = lane(pid);
    touch(l, ts);
    TrackWriter &t = *l.states;
    if (l.stateOpen && t.openRow() >= 0) {
        Row r = t.row(std::size_t(t.openRow()));
        r.t1 = std::max(ts, r.t);
        t.update(std::size_t(t.openRow()), r);
        t.setOpenRow(-1);
        l.stateOpen = false;
    }
    if (sampledStateName(sampledStateFromCode(code)).isEmpty())
        return; // gone: the track ends
    l.stateCodes |= 1u << (code & 31);
    Row r;
    r.t = ts;
    r.t1 = -1;
    r.a = code;
    r.kind = EventKind::State;
    t.append(r);
    t.setOpenRow(std::int64_t(t.size() - 1));
    l.stateOpen = true;
}

void EventStore::cpuSample(qint64 pid, double ts, int cpu)
{
    LaneWriter &l = lane(pid);
    touch(l, ts);
    Row r;
    r.t = ts;
    r.a = cpu;
    r.kind = EventKind::Cpu;
    l.cpus->insertSorted(r);
}

void EventStore::cpuShare(qint64 pid, double ts, int percent)
{
    LaneWriter &l = lane(pid);
    touch(l, ts);
    // The window ends here; it began where the previous one ended, unless an
    // idle stretch (not recorded) came between.
    double t0 = ts - ev::kShareWindowUs;
    if (l.shares->size() > 0) {
        const Row last = l.shares->row(l.shares->size() - 1);
        if (ts - last.t1 < 1.5 * ev::kShareWindowUs)
            t0 = last.t1;
    }
    Row r;
    r.t = t0;
    r.t1 = ts;
    r.a = std::clamp(percent, 0, 100);
    r.kind = EventKind::CpuShare;
    l.shares->append(r);
    l.kinds |= eventkind::bit(EventKind::CpuShare);
}

void EventStore::queueDepth(qint64 pid, double ts, quint32 queueName, qint64 depth)
{
    LaneWriter &l = lane(pid);
    touch(l, ts);
    Row r;
    r.t = ts;
    r.a = depth;
    r.b = queueName;
    r.kind = EventKind::QueueDepth;
    l.queues->append(r); // several processes' counters: in arrival order
}

void EventStore::counter(qint64 pid, double ts, quint32 name, quint32 argsJson)
{
    LaneWriter &l = lane(pid);
    touch(l, ts);
    Row r;
    r.t = ts;
    r.a = name;
    r.b = argsJson;
    r.kind = EventKind::Other;
    l.counters->insertSorted(r);
}

void EventStore::flow(bool start, qint64 id, EventKind k, qint64 pid, double ts)
{
    if (pid > 0)
        touch(lane(pid), ts);
    else
        ++m_eventCount;
    auto it = m_flowOfId.find(id);
    if (it == m_flowOfId.end()) {
        Row r;
        r.kind = k;
        r.a = id;
        r.t = start ? ts : 0;
        r.t1 = start ? -1 : ts;
        r.b = start ? packFlowPids(pid, 0) : packFlowPids(0, pid);
        m_flows->append(r);
        m_flowOfId.insert(id, m_flows->size() - 1);
        m_flowRow.insert(id, m_flows->size() - 1);
        return;
    }
    Row r = m_flows->row(*it);
    qint64 from = r.b >> 32, to = qint64(std::uint32_t(r.b));
    if (start) {
        from = pid;
        r.t = ts;
    } else {
        to = pid;
        r.t1 = ts;
    }
    r.b = packFlowPids(from, to);
    m_flows->update(*it, r);
    if (from != 0 && to != 0)
        m_flowOfId.erase(it);
}

Row EventStore::lostRowOf(const LostRow &l)
{
    // The object as an index into a small table (a lab shares few values).
    qsizetype object = m_lostObjects.indexOf(l.object);
    if (object < 0 && m_lostObjects.size() < 1024) {
        object = m_lostObjects.size();
        m_lostObjects.push_back(l.object);
        m_namesChanged = true;
    }
    Row r;
    r.t = l.t;
    r.t1 = l.lostTs;
    r.t2 = l.readTs;
    r.a = qint64((quint64(std::uint32_t(l.value)) << 32) | std::uint32_t(l.readValue));
    r.b = qint64((quint64(std::max<qsizetype>(object, 0) & 0x3ff) << 54) |
                 (quint64(l.lostPid & 0x3fffff) << 32) | std::uint32_t(l.lostValue));
    r.kind = EventKind::LostUpdate;
    return r;
}

void EventStore::lostUpdate(qint64 pid, const LostRow &l)
{
    LaneWriter &lw = lane(pid);
    touch(lw, l.t);
    lw.lost->append(lostRowOf(l));
    lw.kinds |= eventkind::bit(EventKind::LostUpdate);
}

void EventStore::objectName(qint64 id, const QString &name)
{
    m_objects.insert(id, m_texts->intern(name));
    m_namesChanged = true;
}

// ---- generic events ----

void EventStore::appendGeneric(const TraceEvents &events, bool rebuildNow)
{
    std::vector<LaneWriter *> &rebuild = m_pendingRebuild;
    for (const TraceEvent &e : events) {
        if (e.ph == TraceEvent::Meta) {
            if (e.name != ev::ProcessName) {
                lane(e.pid);
                continue;
            }
            LaneWriter &l = lane(e.pid);
            ProcessInfo info;
            const QJsonObject &a = e.args;
            if (a.contains(QLatin1String("name")))
                info.name = a.value(QLatin1String("name")).toString(l.name);
            if (a.contains(QLatin1String("ppid")))
                info.ppid = a.value(QLatin1String("ppid")).toInteger(l.ppid);
            if (a.contains(QLatin1String("main")))
                info.main = a.value(QLatin1String("main")).toBool(l.isMain);
            if (a.contains(QLatin1String("daemon")))
                info.daemon = a.value(QLatin1String("daemon")).toBool(l.daemon);
            if (a.contains(QLatin1String("spawned")))
                info.spawned = a.value(QLatin1String("spawned")).toBool(l.spawned);
            process(e.pid, info);
            continue;
        }
        const EventKind k = eventkind::fromName(e.name);
        if (e.ph == TraceEvent::FlowStart || e.ph == TraceEvent::FlowEnd) {
            flow(e.ph == TraceEvent::FlowStart, e.id,
                 k == EventKind::Send ? EventKind::Send : EventKind::Start, e.pid, e.ts);
            continue;
        }
        LaneWriter &l = lane(e.pid);
        if (!l.generic)
            l.generic = std::make_unique<GenericLog>();
        GenericLog::Entry g{e.ts, e.dur, 0, 0, 0, e.ph, k, 0, false, 0, 0};
        if (k == EventKind::Other || k == EventKind::QueueDepth)
            g.name = m_texts->intern(e.name);
        bool typed = false;
        switch (e.ph) {
        case TraceEvent::Begin:
        case TraceEvent::Complete:
            typed = k != EventKind::Other && eventargs::encodeBegin(k, e.args, *this, &g.a, &g.b, &g.flags);
            break;
        case TraceEvent::End:
            if (!e.args.isEmpty()) {
                quint8 f = 0;
                if (k == EventKind::Join && e.args.size() == 1 &&
                    e.args.value(QLatin1String("returned_alive")).isBool()) {
                    f = store::FlagEndArgs |
                        (e.args.value(QLatin1String("returned_alive")).toBool() ? store::FlagEnd1 : 0);
                } else if (k == EventKind::ManagerCall && e.args.size() == 1 &&
                           e.args.value(QLatin1String("ok")).isBool()) {
                    f = store::FlagEndArgs |
                        (e.args.value(QLatin1String("ok")).toBool() ? 0 : store::FlagEnd1);
                } else {
                    g.endArgs = m_texts->add(QString::fromUtf8(
                        QJsonDocument(e.args).toJson(QJsonDocument::Compact)));
                }
                g.flags = f;
            }
            typed = true;
            break;
        case TraceEvent::Instant:
            if (k == EventKind::LostUpdate) {
                LostRow row;
                if (eventargs::encodeLost(e.args, *this, e.pid, &row)) {
                    const Row packed = lostRowOf(row);
                    g.a = packed.a;
                    g.b = packed.b;
                    g.dur = row.lostTs;
                    g.t2 = row.readTs;
                    g.typedLost = true;
                    typed = true;
                }
            } else if (k != EventKind::Other) {
                typed = eventargs::encodeMarker(k, e.args, *this, &g.a, &g.b, &g.flags);
            }
            break;
        case TraceEvent::Counter:
            typed = k != EventKind::Other && eventargs::encodeCounter(k, e.args, &g.a);
            break;
        default:
            continue;
        }
        if (!typed) {
            g.flags |= store::FlagGenericArgs;
            g.b = m_texts->add(QString::fromUtf8(QJsonDocument(e.args).toJson(QJsonDocument::Compact)));
            if (k == EventKind::Other || k == EventKind::QueueDepth)
                g.a = g.name;
        } else if (k == EventKind::Other) {
            g.a = g.name;
        }
        l.generic->entries.push_back(g);
        if (!l.generic->pending) {
            l.generic->pending = true;
            rebuild.push_back(&l);
        }
    }
    if (rebuildNow)
        rebuildPending();
}

void EventStore::rebuildPending()
{
    for (LaneWriter *l : m_pendingRebuild) {
        l->generic->pending = false;
        rebuildGeneric(*l);
    }
    m_pendingRebuild.clear();
}

void EventStore::dropGenericLogs()
{
    rebuildPending();
    for (auto &l : m_lanes)
        if (l->generic) {
            l->generic->entries.clear();
            l->generic->entries.shrink_to_fit();
        }
}

void EventStore::rebuildGeneric(LaneWriter &l)
{
    auto &entries = l.generic->entries;
    std::stable_sort(entries.begin(), entries.end(),
                     [](const GenericLog::Entry &a, const GenericLog::Entry &b) { return a.ts < b.ts; });
    // Forget what the lane had and derive it again, as a whole.
    for (auto &d : l.depths)
        d->clear();
    l.depths.clear();
    for (TrackWriter *t : {l.notable.get(), l.bulk.get(), l.lost.get(), l.states.get(),
                           l.cpus.get(), l.shares.get(), l.queues.get(), l.counters.get()})
        t->clear();
    l.open.clear();
    l.stateOpen = false;
    l.exitcode.reset();
    l.reaped = false;
    l.firstTs = INFINITY;
    l.lastTs = -INFINITY;
    l.kinds = 0;
    l.stateCodes = 0;
    l.textLines = 0;
    l.fileWrites = 0;
    const qint64 base = m_eventCount - l.generic->counted;

    struct Iv
    {
        Row row;
        quint32 endArgs = 0;
    };
    std::vector<Iv> ivs;
    std::vector<std::size_t> open; // indexes into ivs
    for (const GenericLog::Entry &e : entries) {
        touch(l, e.ts);
        switch (e.ph) {
        case TraceEvent::Begin:
        case TraceEvent::Complete: {
            Row r;
            r.t = e.ts;
            r.t1 = e.ph == TraceEvent::Complete ? e.ts + std::max(0.0, e.dur) : -1;
            r.a = e.a;
            r.b = e.b;
            r.kind = e.kind;
            r.flags = quint8(e.flags | (e.ph == TraceEvent::Complete ? store::FlagComplete : 0));
            ivs.push_back({r, 0});
            if (e.ph == TraceEvent::Begin)
                open.push_back(ivs.size() - 1);
            break;
        }
        case TraceEvent::End: {
            auto same = [&](const Row &r) {
                return r.kind == e.kind && (e.kind != EventKind::Other || r.a == qint64(e.name));
            };
            std::size_t k = open.size();
            while (k > 0 && !same(ivs[open[k - 1]].row))
                --k;
            if (k == 0)
                break;
            --k;
            while (open.size() > k) {
                Iv &iv = ivs[open.back()];
                iv.row.t1 = e.ts;
                if (open.size() == k + 1) {
                    iv.row.flags |= e.flags | store::FlagOwnEnd;
                    iv.endArgs = e.endArgs;
                }
                open.pop_back();
            }
            break;
        }
        case TraceEvent::Instant: {
            if (e.typedLost) {
                Row r;
                r.t = e.ts;
                r.t1 = e.dur;
                r.t2 = e.t2;
                r.a = e.a;
                r.b = e.b;
                r.kind = EventKind::LostUpdate;
                l.lost->append(r);
                l.kinds |= eventkind::bit(EventKind::LostUpdate);
                break;
            }
            Row r;
            r.t = e.ts;
            r.a = e.a;
            r.b = e.b;
            r.kind = e.kind;
            r.flags = e.flags;
            if (e.kind == EventKind::Exit) {
                if (e.flags & store::FlagGenericArgs)
                    l.exitcode = QJsonDocument::fromJson(m_texts->at(quint32(e.b)).toUtf8())
                                     .object()
                                     .value(QLatin1String("exitcode"))
                                     .toInt();
                else
                    l.exitcode = int(e.a);
            }
            if (e.kind == EventKind::Reaped)
                l.reaped = true;
            if (e.kind == EventKind::LostUpdate) {
                r.t1 = -1;
                l.lost->append(r);
                l.kinds |= eventkind::bit(EventKind::LostUpdate);
                break;
            }
            if ((e.flags & store::FlagGenericArgs) &&
                (e.kind == EventKind::Put || e.kind == EventKind::Get) &&
                QJsonDocument::fromJson(m_texts->at(quint32(e.b)).toUtf8())
                    .object()
                    .value(QLatin1String("sentinel"))
                    .toBool())
                r.flags |= store::FlagSentinel;
            addMarker(l, r, false);
            break;
        }
        case TraceEvent::Counter:
            if (e.flags & store::FlagGenericArgs) {
                // An odd-shaped sample, or a counter under another event's
                // name: kept as it was, under its name (only Other and
                // QueueDepth entries carry their name; known kinds have one).
                Row r;
                r.t = e.ts;
                r.a = e.kind == EventKind::Other || e.kind == EventKind::QueueDepth
                          ? e.name
                          : m_texts->intern(eventkind::name(e.kind));
                r.b = e.b;
                r.kind = EventKind::Other;
                l.counters->append(r);
                break;
            }
            --m_eventCount; // the samplers below count themselves
            switch (e.kind) {
            case EventKind::State:
                stateSample(l.pid, e.ts, int(e.a));
                break;
            case EventKind::Cpu:
                cpuSample(l.pid, e.ts, int(e.a));
                break;
            case EventKind::CpuShare:
                cpuShare(l.pid, e.ts, int(e.a));
                break;
            case EventKind::QueueDepth:
                queueDepth(l.pid, e.ts,
                           m_texts->intern(m_texts->at(e.name).mid(ev::QueueCounterPrefix.size())),
                           e.a);
                break;
            default:
                ++m_eventCount;
                break;
            }
            break;
        default:
            break;
        }
    }
    // Generic intervals whose End brought arguments of its own: merge them.
    for (Iv &iv : ivs) {
        const bool generic = iv.row.flags & store::FlagGenericArgs;
        if (!iv.endArgs && !(generic && (iv.row.flags & store::FlagEndArgs)))
            continue; // typed rows build their End's arguments from flags
        QJsonObject merged;
        if (generic) {
            merged = QJsonDocument::fromJson(m_texts->at(quint32(iv.row.b)).toUtf8()).object();
        } else {
            StoreContext ctx;
            ctx.texts = m_texts;
            ctx.objects = m_objects;
            ctx.laneNames = m_laneNames;
            ctx.runnerPid = m_runnerPid;
            merged = eventargs::begin(iv.row.kind, iv.row.a, iv.row.b, iv.row.flags, ctx);
        }
        QJsonObject extra = eventargs::end(iv.row.kind, iv.row.flags);
        if (iv.endArgs) {
            const QJsonObject e = QJsonDocument::fromJson(m_texts->at(iv.endArgs).toUtf8()).object();
            for (auto it = e.begin(); it != e.end(); ++it)
                extra.insert(it.key(), it.value());
        }
        for (auto it = extra.begin(); it != extra.end(); ++it)
            merged.insert(it.key(), it.value());
        iv.row.flags = quint8((iv.row.flags | store::FlagGenericArgs) & ~store::FlagEndArgs);
        iv.row.b = m_texts->add(QString::fromUtf8(QJsonDocument(merged).toJson(QJsonDocument::Compact)));
    }
    // Nesting depth from the intervals themselves (outer first at equal
    // start), so Begin/End pairs and Complete events nest alike.
    std::stable_sort(ivs.begin(), ivs.end(), [](const Iv &a, const Iv &b) {
        if (a.row.t != b.row.t)
            return a.row.t < b.row.t;
        return (a.row.t1 < 0 ? INFINITY : a.row.t1) > (b.row.t1 < 0 ? INFINITY : b.row.t1);
    });
    // An opened trace's end is ts + dur, which can land an ulp past the start
    // of the next interval; the clock has 1 ns resolution, so closer is "at".
    constexpr double kSameTimeUs = 1e-4;
    std::vector<double> ends;
    for (Iv &iv : ivs) {
        while (!ends.empty() && ends.back() <= iv.row.t + kSameTimeUs)
            ends.pop_back();
        const int depth = std::min(int(ends.size()), kMaxDepth - 1);
        ends.push_back(iv.row.t1 < 0 ? INFINITY : iv.row.t1);
        while (int(l.depths.size()) <= depth)
            l.depths.push_back(std::make_unique<TrackWriter>(store::ColT1, m_spill));
        TrackWriter &t = *l.depths[std::size_t(depth)];
        if (t.openRow() >= 0) {
            // Two open intervals at one depth (odd input): the earlier ends here.
            Row prev = t.row(std::size_t(t.openRow()));
            prev.t1 = iv.row.t;
            t.update(std::size_t(t.openRow()), prev);
            t.setOpenRow(-1);
        }
        t.append(iv.row);
        l.kinds |= eventkind::bit(iv.row.kind);
        if (iv.row.t1 < 0)
            t.setOpenRow(std::int64_t(t.size() - 1));
    }
    // Every generic event counts once (B and E each, X once).
    m_eventCount = base + qint64(entries.size());
    l.generic->counted = qint64(entries.size());
}

// ---- spilling and snapshots ----

void EventStore::spillIfNeeded()
{
    if (m_spill->directory().isEmpty())
        return;
    if (std::size_t(m_spill->residentBytes.load()) <= m_budget)
        return;
    // Every full chunk of every track, oldest first.
    std::vector<std::shared_ptr<store::ChunkRef>> candidates;
    auto collect = [&](TrackWriter &t) {
        const auto &chunks = t.chunks();
        for (std::size_t c = 0; c + 1 < chunks.size(); ++c)
            if (chunks[c]->resident())
                candidates.push_back(chunks[c]);
    };
    for (auto &l : m_lanes) {
        for (auto &d : l->depths)
            collect(*d);
        for (TrackWriter *t : {l->notable.get(), l->bulk.get(), l->lost.get(), l->states.get(),
                               l->cpus.get(), l->shares.get(), l->queues.get(), l->counters.get(),
                               l->locs.get()})
            collect(*t);
    }
    collect(*m_flows);
    // Spill down to 3/4 of the budget, biggest tracks' old chunks first
    // (candidates are per track in order; interleave by round).
    const std::size_t target = m_budget * 3 / 4;
    for (const auto &c : candidates) {
        if (std::size_t(m_spill->residentBytes.load()) <= target)
            break;
        c->spillOut();
    }
}

StoreSnapshot EventStore::snapshot()
{
    if (m_namesChanged || !m_context) {
        auto ctx = std::make_shared<StoreContext>();
        ctx->texts = m_texts;
        ctx->spill = m_spill;
        ctx->laneNames = m_laneNames;
        ctx->objects = m_objects;
        ctx->lostObjects = m_lostObjects;
        ctx->runnerPid = m_runnerPid;
        m_context = ctx;
        m_namesChanged = false;
    }
    StoreSnapshot s;
    s.context = m_context;
    s.lanes.reserve(qsizetype(m_rowOrder.size()));
    for (int index : m_rowOrder) {
        LaneWriter &l = *m_lanes[std::size_t(index)];
        Lane v;
        v.pid = l.pid;
        v.name = l.name;
        v.ppid = l.ppid;
        v.isMain = l.isMain;
        v.daemon = l.daemon;
        v.spawned = l.spawned;
        v.exitcode = l.exitcode;
        v.reaped = l.reaped;
        v.hasEvents = l.hasEvents;
        v.kinds = l.kinds;
        v.stateCodes = l.stateCodes;
        v.textLines = l.textLines;
        v.fileWrites = l.fileWrites;
        v.firstTs = l.hasEvents ? l.firstTs : 0;
        v.lastTs = l.hasEvents ? l.lastTs : 0;
        v.tracks.depths.reserve(l.depths.size());
        for (auto &d : l.depths)
            v.tracks.depths.push_back(d->snapshot());
        v.tracks.notable = l.notable->snapshot();
        v.tracks.bulk = l.bulk->snapshot();
        v.tracks.lost = l.lost->snapshot();
        v.tracks.states = l.states->snapshot();
        v.tracks.cpus = l.cpus->snapshot();
        v.tracks.shares = l.shares->snapshot();
        v.tracks.queues = l.queues->snapshot();
        v.tracks.counters = l.counters->snapshot();
        v.tracks.locs = l.locs->snapshot();
        v.context = m_context;
        s.lanes.push_back(std::move(v));
    }
    s.flows = m_flows->snapshot();
    s.eventCount = m_eventCount;
    s.endTs = m_endTs;
    s.generation = ++m_generation;
    s.touched = std::move(m_touched);
    m_touched.clear();
    return s;
}

} // namespace proclab
