#include "timelinetooltip.h"

#include "enginetext.h"
#include "eventstyle.h"
#include "lostupdates.h"
#include "timeaxis.h"
#include "timelinepainter.h"
#include "tracemodel.h"

#include <QCoreApplication>
#include <cmath>

namespace proclab {

namespace {
QString at(double us)
{
    return TimeAxis::formatTime(us, 1000);
}

QString describeMarker(const TraceModel &model, const Lane &lane, const Marker &m)
{
    const QJsonObject &a = m.args;
    auto s = [&](const char *k) { return a.value(QLatin1String(k)).toVariant().toString(); };
    switch (m.kind) {
    case EventKind::Exit:
        return TimelinePainter::exitLabel(a.value(QStringLiteral("exitcode")).toInt()) +
               (a.value(QStringLiteral("seen_at_reap")).toBool()
                    ? QCoreApplication::translate("Timeline", " (killed: time seen when reaped)")
                    : QString());
    case EventKind::Affinity:
        return a.value(QStringLiteral("ok")).toBool()
                   ? QCoreApplication::translate("Timeline",
                                                 "sched_setaffinity: may run only on CPU %1")
                         .arg(s("cpus"))
                   : QCoreApplication::translate("Timeline", "sched_setaffinity refused (CPU %1)")
                         .arg(s("cpus"));
    case EventKind::Error:
        return QCoreApplication::translate("Timeline", "error: %1")
            .arg(engineText::traceMessage(s("message")));
    case EventKind::LostUpdate:
        return LostUpdates::story(LostUpdates::fromMarker(lane.pid, m), model);
    case EventKind::Put:
    case EventKind::Get: {
        const QJsonValue item = m.args.value(QStringLiteral("item"));
        return QCoreApplication::translate("Timeline", "%1(%2) on %3: depth %4 after it")
            .arg(m.name, item.isNull() ? QStringLiteral("None") : item.toVariant().toString(),
                 s("queue"), s("depth_after"));
    }
    default: {
        // The rest say what the event table (eventstyle.cpp) says.
        const EventStyle &style = eventstyle::of(m.kind);
        return style.hasTip() ? style.tipText(m.name, s) : m.name;
    }
    }
}

QString describeInterval(const Interval &iv, double now)
{
    const double t1 = iv.endOr(now);
    QString what = iv.name;
    if (iv.kind == EventKind::Join) {
        const QJsonValue timeout = iv.args.value(QStringLiteral("timeout"));
        what = QCoreApplication::translate("Timeline", "blocked in join() on %1")
                   .arg(iv.args.value(QStringLiteral("target")).toString());
        if (timeout.isDouble())
            what +=
                QCoreApplication::translate("Timeline", ", timeout %1 s").arg(timeout.toDouble());
        if (iv.args.value(QStringLiteral("at_exit")).toBool())
            what += QCoreApplication::translate("Timeline", " (implicit, at exit)");
        if (iv.args.value(QStringLiteral("returned_alive")).toBool())
            what += QCoreApplication::translate("Timeline",
                                                ": returned while the child was still alive");
    } else if (const EventStyle &style = eventstyle::of(iv.kind); style.hasTip()) {
        what = style.tipText(iv.name, [&](const char *k) {
            return iv.args.value(QLatin1String(k)).toVariant().toString();
        });
    }
    return QStringLiteral("%1\n%2 – %3 (%4)%5")
        .arg(what, at(iv.t0), at(t1), TimeAxis::formatDuration(t1 - iv.t0),
             iv.open() ? QCoreApplication::translate("Timeline", ", still going") : QString());
}
} // namespace

namespace {
struct Found
{
    int row = -1;
    bool marker = false;
    bool lost = false;
    bool notable = false;
    store::Row r;
    std::size_t index = 0;
    int depth = -1;
};

// The marker of `v` nearest to t within `slack` (looks at a bounded number of rows).
bool nearest(const store::TrackView &v, double t, double slack, store::Row *out, std::size_t *index)
{
    if (v.empty())
        return false;
    auto seek = v.seeker();
    std::size_t i = seek.lowerBound(t - slack);
    bool found = false;
    double best = slack;
    for (int looked = 0; i < v.size() && looked < 4096; ++i, ++looked) {
        const double mt = seek.t(i);
        if (mt > t + slack)
            break;
        if (!found || std::abs(mt - t) < best) {
            best = std::abs(mt - t);
            *out = seek.row(i);
            *index = i;
            found = true;
        }
    }
    return found;
}

Found findAt(const TraceModel &model, const TimelineLayout &layout, const TimelineMapping &map,
             QPointF pos)
{
    Found f;
    f.row = layout.laneAt(pos.y());
    if (f.row < 0 || pos.x() < layout.lanes.left())
        return f;
    const Lane &lane = model.lane(f.row);
    const double t = map.toTime(pos.x());
    const double slack = 6 * map.usPerPixel();
    // A lost update wins: it is what the race lab is about.
    if (nearest(lane.tracks.lost, t, slack, &f.r, &f.index)) {
        f.marker = f.lost = true;
        return f;
    }
    store::Row a, b;
    std::size_t ia = 0, ib = 0;
    const bool na = nearest(lane.tracks.notable, t, slack, &a, &ia);
    const bool nb = nearest(lane.tracks.bulk, t, slack, &b, &ib);
    if (na && (!nb || std::abs(a.t - t) <= std::abs(b.t - t))) {
        f.marker = f.notable = true;
        f.r = a;
        f.index = ia;
        return f;
    }
    if (nb) {
        f.marker = true;
        f.r = b;
        f.index = ib;
        return f;
    }
    const auto [depth, row] = lane.innermostAt(t, model.now());
    if (depth >= 0) {
        f.depth = depth;
        f.index = row;
        f.r = lane.tracks.depths[std::size_t(depth)].row(row);
    }
    return f;
}

// How many rows of `v` of kind k come before row `index` (time order).
int countBefore(const store::TrackView &v, EventKind k, double t, std::size_t limitIndex,
                bool sameTrack)
{
    int n = 0;
    auto seek = v.seeker();
    const std::size_t end = sameTrack ? limitIndex : seek.lowerBound(t);
    v.forEachBlock(-INFINITY, INFINITY, [&](std::size_t first, std::size_t rows,
                                            const store::BlockSummary &s) {
        if (first >= end || !(s.mask & eventkind::bit(k)))
            return;
        for (std::size_t i = first; i < std::min(end, first + rows); ++i)
            n += seek.kind(i) == k;
    });
    return n;
}
} // namespace

TimelineHit TimelineTooltip::hitAt(const TraceModel &model, const TimelineLayout &layout,
                                   const TimelineMapping &map, QPointF pos)
{
    const Found f = findAt(model, layout, map, pos);
    TimelineHit hit;
    if (f.row < 0)
        return hit;
    const Lane &lane = model.lane(f.row);
    hit.row = f.row;
    hit.pid = lane.pid;
    hit.onMain = lane.isMain;
    if (f.marker) {
        const Marker m = f.lost ? Marker{ev::LostUpdate, f.r.t, lane.lostArgs(f.r),
                                         EventKind::LostUpdate}
                                : lane.marker(f.r);
        hit.name = m.name;
        hit.t = m.t;
        hit.isMarker = true;
        hit.args = m.args;
        if (f.lost) {
            hit.ordinal = int(f.index);
        } else {
            hit.ordinal = countBefore(lane.tracks.notable, f.r.kind, f.r.t, f.index, f.notable) +
                          countBefore(lane.tracks.bulk, f.r.kind, f.r.t, f.index, !f.notable);
        }
    } else if (f.depth >= 0) {
        const Interval iv = lane.interval(f.r, f.depth);
        hit.name = iv.name;
        hit.t = iv.t0;
        hit.args = iv.args;
        for (std::size_t d = 0; d < lane.tracks.depths.size(); ++d) {
            const store::TrackView &v = lane.tracks.depths[d];
            // Earlier by start, or at the same start and outer.
            const double bound = int(d) < f.depth ? std::nextafter(f.r.t, INFINITY) : f.r.t;
            hit.ordinal += countBefore(v, f.r.kind, bound, int(d) == f.depth ? f.index : 0,
                                       int(d) == f.depth);
        }
    }
    return hit;
}

QString TimelineTooltip::textAt(const TraceModel &model, const TimelineLayout &layout,
                                const TimelineMapping &map, QPointF pos)
{
    const Found f = findAt(model, layout, map, pos);
    if (f.row < 0)
        return {};
    const Lane &lane = model.lane(f.row);
    QString head = QCoreApplication::translate("Timeline", "%1 — pid %2, parent pid %3")
                       .arg(lane.name)
                       .arg(lane.pid)
                       .arg(lane.ppid);
    if (lane.daemon)
        head += QCoreApplication::translate("Timeline", ", daemon");
    if (lane.exitcode)
        head += QStringLiteral(", ") + TimelinePainter::exitLabel(*lane.exitcode);
    if (f.marker) {
        const Marker m = f.lost ? Marker{ev::LostUpdate, f.r.t, lane.lostArgs(f.r),
                                         EventKind::LostUpdate}
                                : lane.marker(f.r);
        return head + QStringLiteral("\n") + at(m.t) + QStringLiteral(": ") +
               describeMarker(model, lane, m);
    }
    QString sampled; // what the runner read in /proc at that moment
    const double t = map.toTime(pos.x());
    const QString state = pos.x() >= layout.lanes.left() ? model.sampledState(f.row, t) : QString();
    if (!state.isEmpty()) {
        const EventStyle &style = eventstyle::of(state);
        const QString name = style.kind == EventKind::State ? style.fullLabel() : state;
        const int cpu = model.sampledCpu(f.row, t);
        sampled = QStringLiteral("\n") +
                  (cpu >= 0 ? QCoreApplication::translate("Timeline", "/proc: %1, last on CPU %2")
                                  .arg(name)
                                  .arg(cpu)
                            : QCoreApplication::translate("Timeline", "/proc: %1").arg(name));
    }
    if (f.depth >= 0)
        return head + QStringLiteral("\n") +
               describeInterval(lane.interval(f.r, f.depth), model.now()) + sampled;
    return head + sampled;
}

} // namespace proclab
