#include "laneevents.h"

#include "eventargs.h"

#include <QJsonDocument>
#include <algorithm>
#include <cmath>

namespace proclab {

using store::Row;

LaneEvents::LaneEvents(const Lane &lane, const store::TrackView &flows)
    : m_lane(lane), m_flows(flows), m_notable(lane.tracks.notable.cursor()),
      m_bulk(lane.tracks.bulk.cursor()), m_lost(lane.tracks.lost.cursor()),
      m_states(lane.tracks.states.cursor()), m_cpus(lane.tracks.cpus.cursor()),
      m_shares(lane.tracks.shares.cursor()), m_counters(lane.tracks.counters.cursor())
{
    for (const store::TrackView &d : lane.tracks.depths)
        m_depths.push_back(d.cursor());
    const store::TrackView &q = lane.tracks.queues;
    m_queueOrder.reserve(q.size());
    for (auto c = q.cursor(); c.valid(); c.next())
        m_queueOrder.push_back({c.t(), c.index()});
    std::stable_sort(m_queueOrder.begin(), m_queueOrder.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    for (auto c = flows.cursor(); c.valid(); c.next()) {
        const Row r = c.row();
        if ((r.b >> 32) == lane.pid)
            m_flowOrder.push_back({r.t, {c.index(), true}});
        if (qint64(std::uint32_t(r.b)) == lane.pid)
            m_flowOrder.push_back({r.t1, {c.index(), false}});
    }
    std::stable_sort(m_flowOrder.begin(), m_flowOrder.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
}

bool LaneEvents::atEnd()
{
    for (auto &c : m_depths)
        if (c.valid())
            return false;
    return m_ends.empty() && !m_notable.valid() && !m_bulk.valid() && !m_lost.valid() &&
           !m_states.valid() && !m_stateGonePending && !m_cpus.valid() && !m_shares.valid() &&
           m_queueAt >= m_queueOrder.size() && !m_counters.valid() &&
           m_flowAt >= m_flowOrder.size();
}

double LaneEvents::peekTime()
{
    double best = INFINITY;
    for (auto &c : m_depths)
        if (c.valid())
            best = std::min(best, c.t());
    if (!m_ends.empty())
        best = std::min(best, m_ends.top().ts);
    for (auto *c : {&m_notable, &m_bulk, &m_lost, &m_states, &m_cpus, &m_counters})
        if (c->valid())
            best = std::min(best, c->t());
    if (m_stateGonePending)
        best = std::min(best, m_stateGoneTs);
    if (m_shares.valid())
        best = std::min(best, m_shares.row().t1);
    if (m_queueAt < m_queueOrder.size())
        best = std::min(best, m_queueOrder[m_queueAt].first);
    if (m_flowAt < m_flowOrder.size())
        best = std::min(best, m_flowOrder[m_flowAt].first);
    return best;
}

bool LaneEvents::next(TraceEvent *out)
{
    enum Source
    {
        None,
        Begin,
        End,
        Notable,
        Bulk,
        Lost,
        StateStart,
        StateGone,
        Cpu,
        Share,
        Queue,
        Counter,
        FlowEv
    };
    Source src = None;
    Item best{INFINITY, 0, 0};
    int bestDepth = -1;
    auto consider = [&](Source s, double ts, int rank, std::uint64_t seq, int depth = -1) {
        const Item it{ts, rank, seq};
        if (src == None || best > it) {
            best = it;
            src = s;
            bestDepth = depth;
        }
    };
    for (std::size_t d = 0; d < m_depths.size(); ++d)
        if (m_depths[d].valid())
            consider(Begin, m_depths[d].t(), int(d), 2 * m_depths[d].index(), int(d));
    if (!m_ends.empty())
        consider(End, m_ends.top().ts, m_ends.top().depth, 2 * m_ends.top().row + 1,
                 m_ends.top().depth);
    if (m_notable.valid())
        consider(Notable, m_notable.t(), 1000, m_notable.index());
    if (m_bulk.valid())
        consider(Bulk, m_bulk.t(), 1001, m_bulk.index());
    if (m_lost.valid())
        consider(Lost, m_lost.t(), 1002, m_lost.index());
    if (m_stateGonePending)
        consider(StateGone, m_stateGoneTs, 2000, 2 * (m_states.index() - 1) + 1);
    if (m_states.valid())
        consider(StateStart, m_states.t(), 2000, 2 * m_states.index());
    if (m_cpus.valid())
        consider(Cpu, m_cpus.t(), 2001, m_cpus.index());
    if (m_shares.valid())
        consider(Share, m_shares.row().t1, 2002, m_shares.index());
    if (m_queueAt < m_queueOrder.size())
        consider(Queue, m_queueOrder[m_queueAt].first, 2003, m_queueAt);
    if (m_counters.valid())
        consider(Counter, m_counters.t(), 2004, m_counters.index());
    if (m_flowAt < m_flowOrder.size())
        consider(FlowEv, m_flowOrder[m_flowAt].first, 3000, m_flowAt);
    if (src == None)
        return false;

    const Lane &l = m_lane;
    *out = TraceEvent{};
    out->pid = l.pid;
    switch (src) {
    case Begin: {
        auto &c = m_depths[std::size_t(bestDepth)];
        const Row r = c.row();
        const std::size_t row = c.index();
        c.next();
        out->ts = r.t;
        out->name = l.rowName(r);
        out->args = l.intervalArgs(r);
        if (r.flags & store::FlagComplete) {
            out->ph = TraceEvent::Complete;
            out->dur = r.t1 - r.t;
        } else {
            out->ph = TraceEvent::Begin;
            // An End of its own comes back; one closed by an outer End did not have one.
            if (r.t1 >= 0 && (r.flags & store::FlagOwnEnd))
                m_ends.push({r.t1, bestDepth, row});
        }
        break;
    }
    case End: {
        const PendingEnd e = m_ends.top();
        m_ends.pop();
        const Row r = l.tracks.depths[std::size_t(e.depth)].row(e.row);
        out->ts = e.ts;
        out->ph = TraceEvent::End;
        out->name = l.rowName(r);
        break;
    }
    case Notable:
    case Bulk: {
        auto &c = src == Notable ? m_notable : m_bulk;
        const Marker m = l.marker(c.row());
        c.next();
        out->ts = m.t;
        out->ph = TraceEvent::Instant;
        out->name = m.name;
        out->args = m.args;
        break;
    }
    case Lost: {
        const Row r = m_lost.row();
        m_lost.next();
        out->ts = r.t;
        out->ph = TraceEvent::Instant;
        out->name = ev::LostUpdate;
        out->args = l.lostArgs(r);
        break;
    }
    case StateStart: {
        const Row r = m_states.row();
        const std::size_t i = m_states.index();
        m_states.next();
        out->ts = r.t;
        out->ph = TraceEvent::Counter;
        out->name = ev::State;
        out->args = eventargs::counter(EventKind::State, r.a);
        const double end = l.tracks.states.t1(i);
        const bool next = m_states.valid() && m_states.t() == end;
        if (end >= 0 && !next) {
            m_stateGonePending = true;
            m_stateGoneTs = end;
        }
        break;
    }
    case StateGone:
        m_stateGonePending = false;
        out->ts = m_stateGoneTs;
        out->ph = TraceEvent::Counter;
        out->name = ev::State;
        out->args = eventargs::counter(EventKind::State, 0);
        break;
    case Cpu: {
        const Row r = m_cpus.row();
        m_cpus.next();
        out->ts = r.t;
        out->ph = TraceEvent::Counter;
        out->name = ev::Cpu;
        out->args = eventargs::counter(EventKind::Cpu, r.a);
        break;
    }
    case Share: {
        const Row r = m_shares.row();
        m_shares.next();
        out->ts = r.t1;
        out->ph = TraceEvent::Counter;
        out->name = ev::CpuShare;
        out->args = eventargs::counter(EventKind::CpuShare, r.a);
        break;
    }
    case Queue: {
        const Row r = l.tracks.queues.row(m_queueOrder[m_queueAt++].second);
        out->ts = r.t;
        out->ph = TraceEvent::Counter;
        out->name = ev::QueueCounterPrefix + l.context->text(quint32(r.b));
        out->args = eventargs::counter(EventKind::QueueDepth, r.a);
        break;
    }
    case Counter: {
        const Row r = m_counters.row();
        m_counters.next();
        out->ts = r.t;
        out->ph = TraceEvent::Counter;
        out->name = l.context->text(quint32(r.a));
        out->args = QJsonDocument::fromJson(l.context->text(quint32(r.b)).toUtf8()).object();
        break;
    }
    case FlowEv: {
        const auto &[ts, which] = m_flowOrder[m_flowAt++];
        const Row r = m_flows.row(which.first);
        out->ts = ts;
        out->ph = which.second ? TraceEvent::FlowStart : TraceEvent::FlowEnd;
        out->name = r.kind == EventKind::Send ? ev::Send : ev::Start;
        out->id = r.a;
        break;
    }
    case None:
        return false;
    }
    return true;
}

} // namespace proclab
