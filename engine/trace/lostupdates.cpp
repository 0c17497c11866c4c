#include "lostupdates.h"

#include "eventargs.h"
#include "tracemodel.h"
#include "tracerecord.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <algorithm>
#include <map>
#include <queue>
#include <unordered_map>

namespace proclab {

using store::Row;
using store::TrackView;

namespace {

// One read or write of a shared value, as a lane's bulk track has it.
struct Access
{
    double t = 0;
    bool write = false;
    qint64 object = 0; // the store's object id (a synthetic one for JSON rows)
    qint64 version = 0;
    int value = 0;
};

// Object ids of JSON rows: one per name, below every real and synthetic id.
struct ObjectKeys
{
    QHash<QString, qint64> byName;
    QHash<qint64, QString> names;
    qint64 key(const QString &name)
    {
        auto it = byName.constFind(name);
        if (it != byName.constEnd())
            return *it;
        const qint64 k = (qint64(-1) << 40) - byName.size();
        byName.insert(name, k);
        names.insert(k, name);
        return k;
    }
};

// The reads and writes of a lane's bulk track, in order, skipping blocks
// that hold neither. Reads the chunk's columns directly (the analysis reads
// every access twice: this loop is most of its time).
class AccessCursor
{
public:
    AccessCursor(const Lane &lane, ObjectKeys &keys) : m_lane(&lane), m_keys(&keys) {}

    bool next(Access *out)
    {
        const TrackView &v = m_lane->tracks.bulk;
        const std::size_t n = v.size();
        static const std::uint64_t mask =
            eventkind::bit(EventKind::Read) | eventkind::bit(EventKind::Write);
        while (m_at < n) {
            const std::size_t c = m_at >> store::kChunkShift;
            if (c != m_chunk) {
                m_data = v.chunk(c);
                m_sums = v.summaries(c);
                m_chunk = c;
            }
            const store::ChunkData &d = *m_data;
            const std::size_t chunkEnd = std::min(n, (c + 1) << store::kChunkShift);
            while (m_at < chunkEnd) {
                const std::size_t i = m_at;
                const int k = int(i & (store::kChunkRows - 1));
                // A whole block: skip it if it holds no access.
                if ((i & (store::kBlockRows - 1)) == 0 && i + store::kBlockRows <= n &&
                    !(m_sums[k >> store::kBlockShift].mask & mask)) {
                    m_at += store::kBlockRows;
                    continue;
                }
                ++m_at;
                const EventKind kind = d.kind[k];
                if (kind != EventKind::Read && kind != EventKind::Write)
                    continue;
                out->write = kind == EventKind::Write;
                if ((d.flags[k] & store::FlagGenericArgs) || v.isOpenRow(i)) {
                    const Row r = v.row(i);
                    out->t = r.t;
                    if (r.flags & store::FlagGenericArgs) {
                        const QJsonObject o = m_lane->markerArgs(r);
                        out->object = m_keys->key(o.value(QLatin1String("object")).toString());
                        out->version = o.value(QLatin1String("version")).toInteger();
                        out->value = o.value(QLatin1String("value")).toInt();
                        return true;
                    }
                }
                out->t = d.t[k];
                out->object = d.b[k];
                out->version = unpackVersion(d.a[k]);
                out->value = unpackValue(d.a[k]);
                return true;
            }
        }
        return false;
    }

private:
    const Lane *m_lane;
    ObjectKeys *m_keys;
    std::size_t m_at = 0;
    std::size_t m_chunk = std::size_t(-1);
    std::shared_ptr<const store::ChunkData> m_data;
    std::shared_ptr<const store::BlockSummary[]> m_sums;
};

// Per version of one object, 4 bytes: the version its write was based on.
class VersionTable
{
public:
    void set(qint64 v, std::uint32_t basedOn)
    {
        const std::size_t b = std::size_t(v) >> kShift;
        while (m_blocks.size() <= b)
            m_blocks.push_back(nullptr);
        if (!m_blocks[b]) {
            m_blocks[b].reset(new std::uint32_t[kSize]);
            std::fill_n(m_blocks[b].get(), kSize, kAbsent);
        }
        m_blocks[b][std::size_t(v) & (kSize - 1)] = basedOn;
        m_max = std::max(m_max, v);
    }
    bool present(qint64 v) const { return get(v) != kAbsent; }
    std::uint32_t get(qint64 v) const
    {
        const std::size_t b = std::size_t(v) >> kShift;
        if (b >= m_blocks.size() || !m_blocks[b])
            return kAbsent;
        return m_blocks[b][std::size_t(v) & (kSize - 1)];
    }
    qint64 max() const { return m_max; }

private:
    static constexpr int kShift = 20;
    static constexpr std::size_t kSize = std::size_t(1) << kShift;
    static constexpr std::uint32_t kAbsent = 0xffffffffu;
    std::vector<std::unique_ptr<std::uint32_t[]>> m_blocks;
    qint64 m_max = 0;
};

struct LastRead
{
    qint64 version = -1;
    double t = 0;
    int value = 0;
};

} // namespace

LostUpdates::Result
LostUpdates::analyse(const StoreSnapshot &snap,
                     const std::function<void(qint64, const LostRow &, const QString &)> &emitRow)
{
    Result result;
    ObjectKeys keys;
    // Pass 1: which version each write was based on.
    std::map<qint64, VersionTable> tables;
    for (const Lane &lane : snap.lanes) {
        // Per object, in this process's program order. Accesses come in long
        // runs on one object: its entries are looked up once per run (node
        // containers: the pointers stay valid as others are added).
        std::unordered_map<qint64, LastRead> lastRead;
        qint64 object = 0;
        LastRead *read = nullptr;
        VersionTable *table = nullptr;
        AccessCursor c(lane, keys);
        Access a;
        while (c.next(&a)) {
            if (!read || a.object != object) {
                object = a.object;
                read = &lastRead[object]; // new: version -1 (no read yet)
                table = nullptr;
            }
            if (!a.write) {
                *read = {a.version, a.t, a.value};
                continue;
            }
            if (a.version <= 0 || a.version >= 0xffffffffLL)
                continue; // an unversioned object (a file): nothing to analyse
            result.anyVersioned = true;
            // A blind write (no read before it) is based on the version just before.
            const qint64 based =
                read->version < 0 ? a.version - 1 : std::min(read->version, a.version - 1);
            if (!table)
                table = &tables[object];
            table->set(a.version, std::uint32_t(std::max<qint64>(0, based)));
        }
    }

    for (auto obj = tables.cbegin(); obj != tables.cend(); ++obj) {
        const VersionTable &table = obj->second;
        // Pass 2: the chain from the final write down.
        std::vector<std::uint64_t> chain(std::size_t(table.max() / 64 + 1), 0);
        qint64 k = table.max(), floor = 0;
        while (k > 0) {
            if (!table.present(k)) {
                floor = k; // a gap (trace cut short): stop rather than guess
                break;
            }
            chain[std::size_t(k) / 64] |= std::uint64_t(1) << (k % 64);
            k = table.get(k);
        }
        auto inChain = [&](qint64 v) { return (chain[std::size_t(v) / 64] >> (v % 64)) & 1; };

        // Pass 3: every lane's writes of this object in version order.
        const QString objectName = obj->first < (qint64(-1) << 39)
                                       ? keys.names.value(obj->first)
                                       : snap.context->objectName(obj->first);
        struct Head
        {
            qint64 version;
            int lane;
            bool operator>(const Head &o) const { return version > o.version; }
        };
        std::vector<AccessCursor> cursors;
        std::vector<Access> pending(std::size_t(snap.lanes.size()));
        std::vector<LastRead> lastRead(std::size_t(snap.lanes.size()));
        std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heap;
        cursors.reserve(std::size_t(snap.lanes.size()));
        for (int l = 0; l < snap.lanes.size(); ++l)
            cursors.emplace_back(snap.lanes[l], keys);
        // Moves lane l to its next write of this object (reads update
        // lastRead); false when it has none left.
        auto advance = [&](int l) {
            Access a;
            while (cursors[std::size_t(l)].next(&a)) {
                if (a.object != obj->first)
                    continue;
                if (!a.write) {
                    lastRead[std::size_t(l)] = {a.version, a.t, a.value};
                    continue;
                }
                if (a.version <= 0 || a.version >= 0xffffffffLL)
                    continue;
                pending[std::size_t(l)] = a;
                return true;
            }
            return false;
        };
        for (int l = 0; l < snap.lanes.size(); ++l)
            if (advance(l))
                heap.push({pending[std::size_t(l)].version, l});
        struct Lost
        {
            qint64 pid;
            double t;
            int value;
        };
        std::vector<Lost> lost; // versions since the last chain write: lost to the next
        // Writes in version order: the lane with the lowest pending version
        // goes on while its next write is still below every other lane's (a
        // process often writes many times in a row), without the heap.
        int l = -1;
        while (l >= 0 || !heap.empty()) {
            if (l < 0) {
                l = heap.top().lane;
                heap.pop();
            }
            const Access w = pending[std::size_t(l)];
            const qint64 pid = snap.lanes[l].pid;
            if (w.version > floor) {
                if (inChain(w.version)) {
                    const LastRead &r = lastRead[std::size_t(l)];
                    for (const Lost &j : lost) {
                        LostRow row;
                        row.t = w.t;
                        row.lostTs = j.t;
                        row.readTs = r.version >= 0 ? r.t : 0;
                        row.value = w.value;
                        row.readValue = r.version >= 0 ? r.value : 0;
                        row.lostValue = j.value;
                        row.lostPid = j.pid;
                        emitRow(pid, row, objectName);
                        ++result.found;
                    }
                    lost.clear();
                } else {
                    lost.push_back({pid, w.t, w.value});
                }
            }
            if (!advance(l))
                l = -1;
            else if (!heap.empty() && heap.top().version <= pending[std::size_t(l)].version) {
                heap.push({pending[std::size_t(l)].version, l});
                l = -1;
            }
        }
    }
    return result;
}

LostUpdates::Result LostUpdates::analyseInto(const StoreSnapshot &snap, EventStore &store)
{
    QString lastName;
    quint32 lastText = 0;
    qint64 n = 0;
    return analyse(snap, [&](qint64 pid, const LostRow &row, const QString &object) {
        if (object != lastName || lastText == 0) {
            lastName = object;
            lastText = store.text(object);
        }
        LostRow r = row;
        r.object = lastText;
        store.lostUpdate(pid, r);
        if ((++n & 0xffff) == 0)
            store.spillIfNeeded(); // tens of millions of findings: to disk as they come
    });
}

QVector<LostUpdate> LostUpdates::find(const TraceModel &model)
{
    QVector<LostUpdate> found;
    const StoreSnapshot &snap = model.snapshot();
    analyse(snap, [&](qint64 pid, const LostRow &r, const QString &object) {
        LostUpdate u;
        u.object = object;
        u.lostPid = r.lostPid;
        u.lostTs = r.lostTs;
        u.lostValue = r.lostValue;
        u.overwriterPid = pid;
        u.overwriterTs = r.t;
        u.overwriterValue = r.value;
        u.readTs = r.readTs;
        u.readValue = r.readValue;
        found.push_back(u);
    });
    std::stable_sort(found.begin(), found.end(), [](const LostUpdate &a, const LostUpdate &b) {
        return a.overwriterTs < b.overwriterTs;
    });
    return found;
}

TraceEvents LostUpdates::toEvents(const QVector<LostUpdate> &found, const TraceModel &model)
{
    TraceEvents out;
    out.reserve(found.size());
    for (const LostUpdate &u : found) {
        const QJsonObject a{{QStringLiteral("object"), u.object},
                            {QStringLiteral("lost_write_pid"), u.lostPid},
                            {QStringLiteral("lost_writer"), model.laneName(u.lostPid)},
                            {QStringLiteral("lost_write_ts"), u.lostTs},
                            {QStringLiteral("lost_value"), u.lostValue},
                            {QStringLiteral("read_ts"), u.readTs},
                            {QStringLiteral("read_value"), u.readValue},
                            {QStringLiteral("value"), u.overwriterValue}};
        out.push_back(
            TraceEvent{u.overwriterTs, u.overwriterPid, TraceEvent::Instant, ev::LostUpdate, a, 0});
    }
    return out;
}

QString LostUpdates::story(const LostUpdate &u, const TraceModel &model)
{
    const QString w = model.laneName(u.overwriterPid);
    const QString l = model.laneName(u.lostPid);
    return QCoreApplication::translate("Race",
                                       "%1 read %2, %3 wrote %4, %1 wrote %5: %3's update is lost")
        .arg(w)
        .arg(u.readValue)
        .arg(l)
        .arg(u.lostValue)
        .arg(u.overwriterValue);
}

LostUpdate LostUpdates::fromMarker(qint64 pid, const Marker &m)
{
    const QJsonObject &a = m.args;
    LostUpdate u;
    u.object = a.value(QStringLiteral("object")).toString();
    u.lostPid = a.value(QStringLiteral("lost_write_pid")).toInteger();
    u.lostTs = a.value(QStringLiteral("lost_write_ts")).toDouble();
    u.lostValue = a.value(QStringLiteral("lost_value")).toInt();
    u.overwriterPid = pid;
    u.overwriterTs = m.t;
    u.overwriterValue = a.value(QStringLiteral("value")).toInt();
    u.readTs = a.value(QStringLiteral("read_ts")).toDouble();
    u.readValue = a.value(QStringLiteral("read_value")).toInt();
    return u;
}

LostUpdate LostUpdates::fromRow(const Lane &lane, const Row &r)
{
    if (r.flags & store::FlagGenericArgs)
        return fromMarker(lane.pid, Marker{ev::LostUpdate, r.t, lane.lostArgs(r), EventKind::LostUpdate});
    const LostRow l = lane.lostRow(r);
    LostUpdate u;
    u.object = lane.context->text(l.object);
    u.lostPid = l.lostPid;
    u.lostTs = l.lostTs;
    u.lostValue = l.lostValue;
    u.overwriterPid = lane.pid;
    u.overwriterTs = l.t;
    u.overwriterValue = l.value;
    u.readTs = l.readTs;
    u.readValue = l.readValue;
    return u;
}

QVector<LostUpdate> LostUpdates::earliest(const StoreSnapshot &snap, int limit, qint64 *total)
{
    *total = 0;
    struct Head
    {
        double t;
        int lane;
        std::size_t row;
        bool operator>(const Head &o) const
        {
            return t != o.t ? t > o.t : lane > o.lane;
        }
    };
    std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heap;
    for (int l = 0; l < snap.lanes.size(); ++l) {
        const TrackView &v = snap.lanes[l].tracks.lost;
        *total += qint64(v.size());
        if (!v.empty())
            heap.push({v.t(0), l, 0});
    }
    QVector<LostUpdate> out;
    while (!heap.empty() && out.size() < limit) {
        const Head h = heap.top();
        heap.pop();
        const Lane &lane = snap.lanes[h.lane];
        out.push_back(fromRow(lane, lane.tracks.lost.row(h.row)));
        if (h.row + 1 < lane.tracks.lost.size())
            heap.push({lane.tracks.lost.t(h.row + 1), h.lane, h.row + 1});
    }
    return out;
}

} // namespace proclab
