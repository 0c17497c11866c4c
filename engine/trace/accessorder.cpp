#include "accessorder.h"

#include "tracerecord.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <queue>
#include <unordered_set>
#include <vector>

namespace proclab {

using store::Row;
using store::TrackView;

namespace {

const std::uint64_t kAccessMask =
    eventkind::bit(EventKind::Read) | eventkind::bit(EventKind::Write);

bool isVersioned(qint64 version)
{
    return version > 0 && version < 0xffffffffLL;
}

// A lane's accesses of one object, from the last back, skipping blocks that
// hold none. Only rows the C++ runtime wrote (no JSON arguments).
class BackCursor
{
public:
    BackCursor(const TrackView &v, qint64 object) : m_view(&v), m_object(object), m_at(v.size()) {}

    // The previous access of the object; false at the start.
    bool previous()
    {
        while (m_at > 0) {
            const std::size_t c = (m_at - 1) >> store::kChunkShift;
            if (c != m_chunk) {
                m_data = m_view->chunk(c);
                m_sums = m_view->summaries(c);
                m_chunk = c;
            }
            const std::size_t i = --m_at;
            const int k = int(i & (store::kChunkRows - 1));
            // The last row of a whole block of none: skip the block.
            if ((i & (store::kBlockRows - 1)) == store::kBlockRows - 1 &&
                !(m_sums[k >> store::kBlockShift].mask & kAccessMask)) {
                m_at -= store::kBlockRows - 1;
                continue;
            }
            const EventKind kind = m_data->kind[k];
            if ((kind != EventKind::Read && kind != EventKind::Write) ||
                (m_data->flags[k] & store::FlagGenericArgs) || m_data->b[k] != m_object)
                continue;
            row = i;
            write = kind == EventKind::Write;
            version = unpackVersion(m_data->a[k]);
            t = m_data->t[k];
            return true;
        }
        return false;
    }

    std::size_t row = 0;
    bool write = false;
    qint64 version = 0;
    double t = 0;
    double later = INFINITY; // new time of the lane's next access of the object

private:
    const TrackView *m_view;
    qint64 m_object;
    std::size_t m_at;
    std::size_t m_chunk = std::size_t(-1);
    std::shared_ptr<const store::ChunkData> m_data;
    std::shared_ptr<const store::BlockSummary[]> m_sums;
};

// Every object with versioned accesses (the runtime's Values and Array
// elements; files have no versions).
std::vector<qint64> versionedObjects(const StoreSnapshot &snap)
{
    std::unordered_set<qint64> seen, unversioned;
    for (const Lane &lane : snap.lanes) {
        if (!(lane.kinds & kAccessMask))
            continue;
        const TrackView &v = lane.tracks.bulk;
        TrackView::Seeker s = v.seeker();
        for (std::size_t i = 0; i < v.size(); ++i) {
            if ((i & (store::kBlockRows - 1)) == 0 &&
                !(s.kinds(i, std::min(v.size(), i + store::kBlockRows)) & kAccessMask)) {
                i += store::kBlockRows - 1;
                continue;
            }
            const Row r = s.row(i);
            if ((r.kind != EventKind::Read && r.kind != EventKind::Write) ||
                (r.flags & store::FlagGenericArgs))
                continue;
            seen.insert(r.b);
            if (r.kind == EventKind::Write && !isVersioned(unpackVersion(r.a)))
                unversioned.insert(r.b);
        }
    }
    std::vector<qint64> out;
    for (qint64 o : seen)
        if (!unversioned.count(o))
            out.push_back(o);
    std::sort(out.begin(), out.end());
    return out;
}

// A row moved earlier than the rows before it in its track (another object's
// access, a message, output: each timed before it in the process) takes them
// along: the track stays in time order, the process's records in its order.
void keepInOrder(const TrackView &v, std::map<std::size_t, double> *fixes)
{
    auto timeOf = [&](std::size_t i) {
        const auto it = fixes->find(i);
        return it != fixes->end() ? it->second : v.t(i);
    };
    std::vector<std::pair<std::size_t, double>> moved(fixes->rbegin(), fixes->rend());
    for (const auto &[row, t] : moved) {
        const double at = std::min(t, timeOf(row));
        for (std::size_t r = row; r > 0 && timeOf(r - 1) > at; --r)
            (*fixes)[r - 1] = at;
    }
}

} // namespace

qint64 AccessOrder::repair(const StoreSnapshot &snap, EventStore &store)
{
    for (const Lane &lane : snap.lanes)
        if (!lane.tracks.locs.empty())
            return 0; // a Python program's run (see the header)

    // The lanes with accesses, and per lane the rows to retime: row -> new time.
    std::vector<const Lane *> lanes;
    for (const Lane &lane : snap.lanes)
        if (lane.kinds & kAccessMask)
            lanes.push_back(&lane);
    std::vector<std::map<std::size_t, double>> fixes(lanes.size());
    for (const qint64 object : versionedObjects(snap)) {
        std::vector<BackCursor> cursors;
        for (const Lane *lane : lanes)
            cursors.emplace_back(lane->tracks.bulk, object);
        // Latest first: higher version, and at one version the reads before
        // the write (going back, every read of v comes before the write of v).
        struct Head
        {
            qint64 version;
            bool write;
            std::size_t lane;
            bool operator<(const Head &o) const
            {
                return version != o.version ? version < o.version : write && !o.write;
            }
        };
        std::priority_queue<Head> heap;
        for (std::size_t l = 0; l < cursors.size(); ++l)
            if (cursors[l].previous())
                heap.push({cursors[l].version, cursors[l].write, l});
        double laterWrites = INFINITY; // earliest time of a write of a later version
        double readsHere = INFINITY;   // earliest (new) time of a read of this version
        qint64 current = -1;
        while (!heap.empty()) {
            const Head h = heap.top();
            heap.pop();
            BackCursor &c = cursors[h.lane];
            if (h.version != current) {
                current = h.version;
                readsHere = INFINITY;
            }
            // Not after a later version's access, nor after the process's own next one.
            const double bound = std::min(c.write ? std::min(laterWrites, readsHere) : laterWrites,
                                          c.later);
            const double t = std::min(c.t, bound);
            if (t != c.t)
                fixes[h.lane].emplace(c.row, t);
            c.later = t;
            if (c.write)
                laterWrites = std::min(laterWrites, t);
            else
                readsHere = std::min(readsHere, t);
            if (c.previous())
                heap.push({c.version, c.write, h.lane});
        }
    }
    qint64 moved = 0;
    for (std::size_t l = 0; l < lanes.size(); ++l) {
        if (fixes[l].empty())
            continue;
        keepInOrder(lanes[l]->tracks.bulk, &fixes[l]);
        moved += qint64(fixes[l].size());
        store.retimeMarkers(lanes[l]->pid, {fixes[l].begin(), fixes[l].end()});
        store.spillIfNeeded();
    }
    return moved;
}

} // namespace proclab
