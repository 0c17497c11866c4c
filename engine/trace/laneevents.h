#pragma once
// A lane's events one at a time, in time order, as TraceEvents (arguments
// built per event): what CSV export and TraceModel::allEvents() walk.
// Intervals come back as they came in: a Begin/End pair, or one Complete
// event for an interval read as X. Nothing is held but a cursor per track
// (and the lane's queue samples and arrows, sorted by time).
//
// Order: by time; at one time intervals (by depth, Begin after the End
// before it), then instants, then counters, then arrows.

#include "eventstore.h"

#include <queue>
#include <vector>

namespace proclab {

class LaneEvents
{
public:
    // `flows`: the snapshot's arrows (those starting or ending on this lane are included).
    LaneEvents(const Lane &lane, const store::TrackView &flows);
    bool next(TraceEvent *out);
    bool atEnd();
    double peekTime(); // time of the next event (atEnd(): undefined)

private:
    struct Item
    {
        double ts;
        int rank; // source order at one time
        std::uint64_t seq;
        bool operator>(const Item &o) const
        {
            if (ts != o.ts)
                return ts > o.ts;
            if (rank != o.rank)
                return rank > o.rank;
            return seq > o.seq;
        }
    };
    const Lane &m_lane;
    const store::TrackView &m_flows;
    // Interval tracks: Begin events from cursors, Ends queued by time.
    std::vector<store::TrackView::Cursor> m_depths;
    struct PendingEnd
    {
        double ts;
        int depth;
        std::size_t row;
        bool operator>(const PendingEnd &o) const
        {
            return ts != o.ts ? ts > o.ts : (depth != o.depth ? depth > o.depth : row > o.row);
        }
    };
    std::priority_queue<PendingEnd, std::vector<PendingEnd>, std::greater<PendingEnd>> m_ends;
    store::TrackView::Cursor m_notable, m_bulk, m_lost, m_states, m_cpus, m_shares, m_counters;
    std::vector<std::pair<double, std::size_t>> m_queueOrder; // (t, row) sorted
    std::size_t m_queueAt = 0;
    std::vector<std::pair<double, std::pair<std::size_t, bool>>> m_flowOrder; // (t, (row, start))
    std::size_t m_flowAt = 0;
    bool m_stateGonePending = false;
    double m_stateGoneTs = 0;
};

} // namespace proclab
