// The lanes' contents, with level of detail (as Tracy and Perfetto draw):
// what is at least a pixel wide is drawn one by one; what is narrower is
// merged per pixel column, read from the store's block summaries without
// touching each event. A repaint costs about pixels × lanes, not events: 10 M
// events draw as fast as ten thousand.
#include "enginetext.h"
#include "eventargs.h"
#include "eventstyle.h"
#include "lostupdates.h"
#include "sampledstate.h"
#include "timelinedraw.h"
#include "timelinepainter.h"
#include "tracemodel.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainterPath>
#include <QSet>
#include <cmath>

namespace proclab {

using store::Row;
using store::TrackView;

namespace {

// Which interval a merged pixel column shows: what a student must not miss
// (a wait) before what is common (holding, running).
EventKind dominantInterval(std::uint64_t mask)
{
    static const EventKind order[] = {
        EventKind::WaitLock, EventKind::WaitPut,    EventKind::WaitGet,   EventKind::WaitJoinQueue,
        EventKind::WaitRecv, EventKind::WaitEvent,  EventKind::WaitCondition, EventKind::WaitBarrier,
        EventKind::Join,     EventKind::ManagerCall, EventKind::HoldLock, EventKind::Task,
        EventKind::Sleep,    EventKind::Phase,      EventKind::Zombie,    EventKind::Running};
    for (EventKind k : order)
        if (mask & eventkind::bit(k))
            return k;
    return EventKind::Other;
}

int countDigitsWidth(const QFontMetricsF &fm, qint64 n)
{
    return int(fm.horizontalAdvance(QStringLiteral("×%1").arg(n)));
}

} // namespace

QString TimelinePainter::intervalLabel(const Lane &lane, const Row &r) const
{
    switch (r.kind) {
    case EventKind::Sleep:
        return QCoreApplication::translate("Timeline", "sleep %1 ms")
            .arg(lane.intervalArgs(r).value(QStringLiteral("ms")).toInteger());
    case EventKind::Join: {
        const QJsonObject a = lane.intervalArgs(r);
        return a.value(QStringLiteral("at_exit")).toBool()
                   ? QCoreApplication::translate("Timeline", "join %1 (at exit)")
                         .arg(a.value(QStringLiteral("target")).toString())
                   : QCoreApplication::translate("Timeline", "join(%1)")
                         .arg(a.value(QStringLiteral("target")).toString());
    }
    case EventKind::Zombie:
        return QCoreApplication::translate("Timeline", "zombie");
    case EventKind::Phase:
        return lane.intervalArgs(r).value(QStringLiteral("name")).toString();
    case EventKind::WaitRecv:
        return QCoreApplication::translate("Timeline", "recv() waits");
    case EventKind::WaitEvent:
    case EventKind::WaitCondition:
    case EventKind::WaitBarrier:
        return QCoreApplication::translate("Timeline", "wait %1")
            .arg(lane.intervalArgs(r).value(QStringLiteral("object")).toString());
    case EventKind::ManagerCall:
        return QCoreApplication::translate("Timeline", "manager %1")
            .arg(lane.intervalArgs(r).value(QStringLiteral("op")).toString());
    default:
        return {};
    }
}

// Inside a running bar, the sampled share of one CPU the process got: the
// bar stays dark up to the share, pale above it. On one core, four busy
// workers are a quarter dark each: they take turns. Windows narrower than a
// pixel are averaged per pixel column.
void TimelinePainter::paintCpuShares(QPainter &p, const Lane &lane, const QRectF &bar, double t0,
                                     double t1, const TimelineMapping &map) const
{
    const TrackView &v = lane.tracks.shares;
    if (v.empty())
        return;
    const double from = std::max(t0, map.start()), to = std::min(t1, map.end());
    auto seek = v.seeker();
    // A window starting before `from` may still cover it.
    std::size_t i = seek.lowerBound(from - 2 * ev::kShareWindowUs);
    double colX = -1, colIdle = 0, colW = 0;
    auto flush = [&] {
        if (colW > 0) {
            const double idle = bar.height() * colIdle / colW / 100.0;
            if (idle > 0.25)
                p.fillRect(QRectF(colX, bar.top(), 1.0, idle), m_palette.offCpu);
        }
        colW = colIdle = 0;
    };
    for (; i < v.size(); ++i) {
        const Row s = seek.row(i);
        if (s.t >= to)
            break;
        if (s.t1 <= from || s.a >= 100)
            continue;
        const double x0 = std::max(bar.left(), map.toX(std::max(s.t, from)));
        const double x1 = std::min(bar.right(), map.toX(std::min(s.t1, to)));
        if (x1 <= x0)
            continue;
        if (x1 - x0 >= 1.0) {
            flush();
            const double idle = bar.height() * double(100 - s.a) / 100.0;
            p.fillRect(QRectF(x0, bar.top(), x1 - x0, idle), m_palette.offCpu);
            continue;
        }
        const double col = std::floor(x0);
        if (col != colX) {
            flush();
            colX = col;
        }
        colIdle += double(100 - s.a) * (x1 - x0);
        colW += x1 - x0;
    }
    flush();
}

void TimelinePainter::paintBar(QPainter &p, const TimelineLayout &layout,
                               const TimelineMapping &map, int row, const Lane &lane, const Row &r,
                               int depth, double x0, double x1, double t1) const
{
    const double left = layout.lanes.left() - 2, right = layout.lanes.right() + 2;
    x0 = std::max(x0, left);
    x1 = std::min(x1, right);
    if (x1 <= x0)
        return;
    const QRectF bar(x0, layout.barTop(row, depth), std::max(1.0, x1 - x0),
                     layout.barHeight(depth));
    const QColor c = eventstyle::barColour(m_palette, r.kind);
    if (r.kind == EventKind::Zombie) {
        drawHatched(p, bar, c, m_palette.barOutlineWidth);
        // A short zombie stretch stays in sight: the exit label goes past it.
        if (m_labels && bar.width() < QFontMetricsF(p.font()).height() * 4)
            m_labels->addObstacle(bar);
    } else {
        p.fillRect(bar, c);
        if (r.kind == EventKind::Running)
            paintCpuShares(p, lane, bar, r.t, t1, map);
        if (m_palette.barOutlineWidth > 0 && bar.width() > 3) {
            p.setPen(QPen(m_palette.barOutline, m_palette.barOutlineWidth));
            p.setBrush(Qt::NoBrush);
            p.drawRect(bar);
        }
    }
    if (bar.width() < 24 || !m_labels)
        return; // no label fits: do not build one
    const QFontMetricsF fm(p.font());
    if (bar.height() < fm.height() - 2)
        return;
    // Inside the bar, from its left end on, past any mark or label in the way.
    LaneLabelPlacer::Candidate cand;
    cand.text = intervalLabel(lane, r);
    if (cand.text.isEmpty())
        return;
    cand.font = p.font();
    cand.color = m_palette.textOn(c); // white on dark bars, dark on yellow, orange, green
    if (r.kind == EventKind::Sleep) // the bar's colour says sleep; the time is the news
        cand.shorter << QCoreApplication::translate("Timeline", "%1 ms").arg(
            lane.intervalArgs(r).value(QStringLiteral("ms")).toInteger());
    cand.priority = 20 + depth; // the innermost bar is the one seen
    const QRectF laneR = layout.laneRect(row);
    cand.bounds = QRectF(bar.left() + 2, laneR.top(), bar.width() - 3, laneR.height()) & layout.lanes;
    // Near the bar's start (a label slid far reads as a later event): past
    // a mark or two, else in its shorter form, else shortened.
    // The word "zombie" may go anywhere in its bar: only the exit label shares it.
    const double slide = r.kind == EventKind::Zombie ? bar.width() : fm.height() * 2;
    cand.places = {{bar.center().y(), bar.left() + 4, LaneLabelPlacer::Side::Right, slide}};
    m_labels->add(std::move(cand));
}

void TimelinePainter::paintIntervals(QPainter &p, const TimelineLayout &layout,
                                     const TimelineMapping &map, int row, const Lane &lane) const
{
    const double now = m_model.now();
    for (std::size_t d = 0; d < lane.tracks.depths.size(); ++d) {
        const TrackView &v = lane.tracks.depths[d];
        if (v.empty())
            continue;
        const double top = layout.barTop(row, int(d)), h = layout.barHeight(int(d));
        // Merged pixel columns side by side in one colour: one rectangle.
        struct Run
        {
            QPainter &p;
            double top, h;
            double x0 = 0, x1 = -1;
            QColor c{};
            void add(double col, const QColor &color)
            {
                if (x1 == col && color == c) {
                    x1 = col + 1;
                    return;
                }
                flush();
                x0 = col;
                x1 = col + 1;
                c = color;
            }
            void flush()
            {
                if (x1 > x0)
                    p.fillRect(QRectF(x0, top, x1 - x0, h), c);
                x1 = x0 - 1;
            }
        } columns{p, top, h};
        auto seek = v.seeker();
        std::size_t i = v.firstEndingAtOrAfter(map.start());
        while (i < v.size()) {
            const Row r = seek.row(i);
            if (r.t > map.end())
                break;
            const double t1 = r.t1 < 0 ? std::max(now, r.t) : r.t1;
            const double x0 = map.toX(r.t), x1 = map.toX(t1);
            if (x1 - x0 >= 1.0) {
                paintBar(p, layout, map, row, lane, r, int(d), x0, x1, t1);
                ++i;
                continue;
            }
            // Narrower than a pixel: every interval starting in this column at once.
            const double col = std::floor(x0);
            const std::size_t j = std::max(i + 1, seek.lowerBound(map.toTime(col + 1), i + 1));
            const EventKind k = j == i + 1 ? r.kind : dominantInterval(seek.kinds(i, j));
            if (col + 1 >= layout.lanes.left() - 2 && col <= layout.lanes.right() + 2)
                columns.add(col, eventstyle::barColour(m_palette, k));
            // The column's last interval may reach on.
            const Row last = j == i + 1 ? r : seek.row(j - 1);
            const double lastEnd = last.t1 < 0 ? std::max(now, last.t) : last.t1;
            if (map.toX(lastEnd) > col + 1) {
                columns.flush();
                paintBar(p, layout, map, row, lane, last, int(d), col + 1, map.toX(lastEnd),
                         lastEnd);
            }
            i = j;
        }
        columns.flush();
    }
}

void TimelinePainter::paintStates(QPainter &p, const TimelineLayout &layout,
                                  const TimelineMapping &map, int row, const Lane &lane) const
{
    const TrackView &v = lane.tracks.states;
    if (v.empty())
        return;
    const double now = m_model.now();
    const double top = layout.stateBandTop(row);
    const double h = layout.stateBandHeight();
    auto span = [&](double x0, double x1) {
        x0 = std::max(x0, layout.lanes.left() - 2);
        x1 = std::min(x1, layout.lanes.right() + 2);
        return QRectF(x0, top, std::max(1.0, x1 - x0), h);
    };
    auto colorOf = [&](qint64 code) {
        return eventstyle::stateColour(m_palette, sampledStateFromCode(code));
    };
    auto seek = v.seeker();
    std::size_t i = v.firstEndingAtOrAfter(map.start());
    while (i < v.size()) {
        const Row r = seek.row(i);
        if (r.t > map.end())
            break;
        const double t1 = r.t1 < 0 ? std::max(now, r.t) : r.t1;
        const double x0 = map.toX(r.t), x1 = map.toX(t1);
        if (x1 - x0 >= 1.0) {
            p.fillRect(span(x0, x1), colorOf(r.a));
            ++i;
            continue;
        }
        const double col = std::floor(x0);
        const std::size_t j = std::max(i + 1, seek.lowerBound(map.toTime(col + 1), i + 1));
        p.fillRect(span(col, col + 1), colorOf(r.a));
        const Row last = seek.row(j - 1);
        const double lastEnd = last.t1 < 0 ? std::max(now, last.t) : last.t1;
        if (map.toX(lastEnd) > col + 1)
            p.fillRect(span(col + 1, map.toX(lastEnd)), colorOf(last.a));
        i = j;
    }
    // Which CPU it ran on, written into the band where there is room.
    const TrackView &cpus = lane.tracks.cpus;
    if (h < 9 || cpus.empty())
        return;
    QFont small = p.font();
    small.setPointSizeF(m_palette.fontPointSize * 0.75);
    p.save();
    p.setFont(small);
    const QFontMetricsF fm(small);
    const double minWidth = fm.horizontalAdvance(QStringLiteral("CPU 0")) + 8;
    const Row lastState = seek.row(v.size() - 1);
    const double end = lastState.t1 < 0 ? now : lastState.t1;
    auto cs = cpus.seeker();
    std::size_t k = cpus.upperBound(map.start());
    k = k > 0 ? k - 1 : 0;
    for (; k < cpus.size(); ++k) {
        const double t0 = cs.t(k);
        if (t0 > map.end())
            break;
        const double t1 = k + 1 < cpus.size() ? cs.t(k + 1) : end;
        if (map.toX(t1) - map.toX(t0) < minWidth) {
            // Too narrow: jump to the first change at least a label further.
            const std::size_t next = cs.lowerBound(map.toTime(map.toX(t0) + minWidth), k + 1);
            k = std::max(k, next) - 1;
            continue;
        }
        const QRectF r = span(map.toX(t0), map.toX(t1));
        const QString label =
            QCoreApplication::translate("Timeline", "CPU %1").arg(int(cs.row(k).a));
        if (r.width() < fm.horizontalAdvance(label) + 8)
            continue;
        const QColor under = eventstyle::stateColour(m_palette, m_model.sampledState(row, t0));
        if (m_labels) {
            // The least important text on a lane: whole, or left to the tooltip.
            LaneLabelPlacer::Candidate c;
            c.text = label;
            c.font = small;
            c.color = m_palette.textOn(under); // dark on the green of R, white on black T
            c.priority = 0;
            const QRectF laneR = layout.laneRect(row);
            c.bounds = QRectF(r.left(), laneR.top(), r.width(), laneR.height()) & layout.lanes;
            c.places = {{r.center().y(), r.left() + 3, LaneLabelPlacer::Side::Right, 0}};
            c.mayElide = false;
            m_labels->add(std::move(c));
        }
        // A tick where the CPU changed.
        p.fillRect(QRectF(r.left(), top - 1, 1.5, h + 2), m_palette.text);
    }
    p.restore();
}

void TimelinePainter::paintAccesses(QPainter &p, const TimelineLayout &layout,
                                    const TimelineMapping &map, int row, const Lane &lane) const
{
    // Reads: white ticks along the bar's top edge; writes: black, along its
    // bottom edge, leaving the middle for the lock states. put adds (white,
    // top), get removes (black, bottom): drawn like read / write. What a
    // process printed: a short grey tick under the bar. Per pixel column,
    // from the block summaries: a column with a million reads costs one look.
    const TrackView &v = lane.tracks.bulk;
    if (v.empty())
        return;
    using eventkind::bit;
    const std::uint64_t readish = bit(EventKind::Read) | bit(EventKind::Put);
    const std::uint64_t writeish = bit(EventKind::Write) | bit(EventKind::Get);
    const std::uint64_t printed = bit(EventKind::Stdout);
    const double top = layout.barTop(row, 0), h = layout.barHeight(0);
    const double barBottom = top + h;
    const double tick = std::max(3.0, h * 0.28);
    const double k = m_palette.markScale;
    const double left = layout.lanes.left();
    const int columns = int(layout.lanes.width()) + 2;
    QVector<quint8> seen(columns, 0); // bit 1: read, bit 2: write, bit 4: printed
    auto seek = v.seeker();
    std::size_t i = seek.lowerBound(map.start());
    while (i < v.size()) {
        const double t = seek.t(i);
        if (t > map.end())
            break;
        const double x = map.toX(t);
        const double col = std::floor(x);
        const std::size_t j = std::max(i + 1, seek.lowerBound(map.toTime(col + 1), i + 1));
        const std::uint64_t mask = j == i + 1 ? bit(seek.kind(i)) : seek.kinds(i, j);
        const int c = int(col - left);
        if (c >= 0 && c < columns)
            seen[c] |= ((mask & readish) ? 1 : 0) | ((mask & writeish) ? 2 : 0) |
                       ((mask & printed) ? 4 : 0);
        i = j;
    }
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    const QPen readPen(m_palette.readMark, m_palette.accessTickWidth),
        writePen(m_palette.writeMark, m_palette.accessTickWidth),
        printPen(m_palette.stdoutMark, 1.5 * k);
    // One drawLines per pen: thousands of columns, three pens.
    QVector<QLineF> reads, writes, prints;
    for (int col = 0; col < columns; ++col) {
        if (!seen[col])
            continue;
        const double x = left + col + 0.5;
        if (seen[col] & 1)
            reads.push_back(QLineF(x, top, x, top + tick));
        if (seen[col] & 2)
            writes.push_back(QLineF(x, top + h - tick, x, top + h));
        if (seen[col] & 4)
            prints.push_back(QLineF(x, barBottom + 1, x, barBottom + 5 * k));
    }
    for (const auto &[lines, pen] : {std::pair{&reads, &readPen}, std::pair{&writes, &writePen},
                                     std::pair{&prints, &printPen}})
        if (!lines->isEmpty()) {
            p.setPen(*pen);
            p.drawLines(lines->constData(), int(lines->size()));
        }
    p.restore();
}

void TimelinePainter::paintMarkers(QPainter &p, const TimelineLayout &layout,
                                   const TimelineMapping &map, int row, const Lane &lane) const
{
    const QRectF laneR = layout.laneRect(row);
    const double k = m_palette.markScale, markPen = m_palette.markLineWidth;
    const double barTop = layout.barTop(row, 0);
    const double barBottom = barTop + layout.barHeight(0);
    QFont labelFont = p.font();
    labelFont.setBold(true);
    p.setFont(labelFont);
    const QFontMetricsF fm(labelFont);
    QFont smallFont = labelFont;
    smallFont.setBold(false);
    smallFont.setPointSizeF(labelFont.pointSizeF() * 0.8);
    const QFontMetricsF smallFm(smallFont);
    const QRectF area = laneR & layout.lanes;
    const double barMid = (barTop + barBottom) / 2;
    // Right of the mark it may slide past a short zombie stretch and its tick.
    const double slide = fm.height() * 5;
    // A mark's label: beside it on the bar's line, right of it, else left of
    // it (slid a little past what is in the way), else shortened, else left
    // to the tooltip (LaneLabelPlacer). Merged marks say how many.
    qint64 pendingCount = 0;
    auto label = [&](double x, const QString &full, const QColor &c, int priority) {
        if (!m_labels)
            return;
        LaneLabelPlacer::Candidate cand;
        cand.text = pendingCount > 1 ? full + QStringLiteral(" ×%1").arg(pendingCount) : full;
        pendingCount = 0;
        cand.font = labelFont;
        cand.color = c;
        cand.priority = priority;
        cand.bounds = area;
        cand.backing = true;
        const double off = 4 * k + markPen / 2;
        cand.places = {{barMid, x + off, LaneLabelPlacer::Side::Right, slide},
                      {barMid, x - off, LaneLabelPlacer::Side::Left, slide}};
        cand.minChars = 4;
        m_labels->add(std::move(cand));
    };
    auto obstacle = [&](const QRectF &r) {
        if (m_labels)
            m_labels->addObstacle(r);
    };

    const TrackView &v = lane.tracks.notable;
    auto seek = v.seeker();
    const double slack = 8 * map.usPerPixel();
    std::size_t i = seek.lowerBound(map.start() - slack);
    while (i < v.size()) {
        const Row m = seek.row(i);
        if (m.t > map.end() + slack)
            break;
        // Markers of one kind closer than a glyph are drawn once, with their count.
        std::size_t j = i + 1;
        const double x = map.toX(m.t);
        while (j < v.size() && seek.kind(j) == m.kind && map.toX(seek.t(j)) - x < 6 * k)
            ++j;
        const qint64 count = qint64(j - i);
        i = j;
        if (m.t < map.start() || m.t > map.end())
            continue;
        p.save();
        pendingCount = count;
        const bool sentinel = (m.flags & store::FlagSentinel) != 0;
        switch (m.kind) {
        case EventKind::Exit: {
            p.setPen(QPen(m_palette.exitMark, markPen));
            p.drawLine(QPointF(x, barTop - 3 * k), QPointF(x, barBottom + 3 * k));
            obstacle(QRectF(x - markPen / 2, barTop - 3 * k, markPen, barBottom - barTop + 6 * k));
            const int code = (m.flags & store::FlagGenericArgs)
                                 ? lane.markerArgs(m).value(QStringLiteral("exitcode")).toInt()
                                 : int(m.a);
            label(x, exitLabel(code), m_palette.exitMark, 80);
            break;
        }
        case EventKind::Start:
            p.setPen(Qt::NoPen);
            p.setBrush(m_palette.startArrow);
            p.drawEllipse(QPointF(x, (barTop + barBottom) / 2), 4.5 * k, 4.5 * k);
            obstacle(QRectF(x - 4.5 * k, barMid - 4.5 * k, 9 * k, 9 * k));
            break;
        case EventKind::Terminate:
        case EventKind::Kill: {
            const QPointF c(x, (barTop + barBottom) / 2);
            p.setPen(QPen(m_palette.signalMark, markPen));
            p.drawLine(c + QPointF(-6, -6) * k, c + QPointF(6, 6) * k);
            p.drawLine(c + QPointF(-6, 6) * k, c + QPointF(6, -6) * k);
            obstacle(QRectF(c.x() - 6 * k, c.y() - 6 * k, 12 * k, 12 * k));
            label(x,
                  m.kind == EventKind::Kill ? QCoreApplication::translate("Timeline", "kill()")
                                            : QCoreApplication::translate("Timeline", "terminate()"),
                  m_palette.signalMark, 85);
            break;
        }
        case EventKind::DaemonTerminated:
            label(x, QCoreApplication::translate("Timeline", "daemon terminated at main's exit"),
                  m_palette.signalMark, 85);
            break;
        case EventKind::Error: {
            const QPointF c(x, barTop - 1);
            p.setPen(Qt::NoPen);
            p.setBrush(m_palette.errorMark);
            p.drawPolygon(
                QPolygonF{c + QPointF(0, -8) * k, c + QPointF(8, 6) * k, c + QPointF(-8, 6) * k});
            obstacle(QRectF(c.x() - 8 * k, c.y() - 8 * k, 16 * k, 14 * k));
            if (m_labels) {
                // The "!" inside the triangle: first of all, whole or not at all.
                LaneLabelPlacer::Candidate bang;
                bang.text = QStringLiteral("!");
                bang.font = labelFont;
                bang.color = m_palette.textOn(m_palette.errorMark);
                bang.priority = 100;
                bang.bounds = layout.lanes;
                bang.mayElide = false;
                bang.places = {{c.y(), c.x(), LaneLabelPlacer::Side::Centre, 0}};
                m_labels->add(std::move(bang));
            }
            const QString msg = engineText::traceMessage(
                lane.markerArgs(m).value(QStringLiteral("message")).toString());
            label(x,
                  fm.elidedText(QCoreApplication::translate("Timeline", "error: %1").arg(msg),
                                Qt::ElideRight, 360),
                  m_palette.errorMark, 90);
            break;
        }
        case EventKind::Reaped: {
            const QPointF c(x, barTop - 4 * k);
            p.setPen(QPen(m_palette.reapedMark, markPen));
            p.drawLine(c + QPointF(-5, 0) * k, c + QPointF(-1, 5) * k);
            p.drawLine(c + QPointF(-1, 5) * k, c + QPointF(6, -6) * k);
            obstacle(QRectF(c.x() - 5 * k - 1, c.y() - 6 * k - 1, 11 * k + 2, 11 * k + 2));
            break;
        }
        case EventKind::Put:
        case EventKind::Get:
            if (sentinel) {
                const QPointF c(x, (barTop + barBottom) / 2);
                p.setPen(QPen(Qt::white, 1));
                p.setBrush(m_palette.sentinel);
                p.drawPolygon(QPolygonF{c + QPointF(0, -7) * k, c + QPointF(7, 0) * k,
                                        c + QPointF(0, 7) * k, c + QPointF(-7, 0) * k});
                obstacle(QRectF(c.x() - 7 * k, c.y() - 7 * k, 14 * k, 14 * k));
                label(x,
                      m.kind == EventKind::Put
                          ? QCoreApplication::translate("Timeline", "put(None)")
                          : QCoreApplication::translate("Timeline", "got None: stop"),
                      m_palette.text, 70);
            }
            break;
        case EventKind::Reparent: {
            // Seen by the runner's sampler: the parent changed (an orphan adopted).
            const qint64 np = (m.flags & store::FlagGenericArgs)
                                  ? lane.markerArgs(m).value(QStringLiteral("new_ppid")).toInteger()
                                  : m.b;
            p.setPen(QPen(m_palette.startArrow, 2, Qt::DashLine));
            p.drawLine(QPointF(x, barTop - 3), QPointF(x, barBottom + 3));
            obstacle(QRectF(x - 1, barTop - 3, 2, barBottom - barTop + 6));
            // MainProcess's parent is the runner.
            const bool byRunner =
                m_model.rowCount() > 0 && m_model.lane(0).isMain && m_model.lane(0).ppid == np;
            label(x,
                  byRunner ? QCoreApplication::translate("Timeline", "adopted by the runner")
                           : QCoreApplication::translate("Timeline", "new parent: %1")
                                 .arg(m_model.laneName(np)),
                  m_palette.text, 75);
            break;
        }
        default:
            break;
        }
        if (pendingCount > 1 && m_labels) {
            // Merged, no label to say it: how many, above the mark, else beside it.
            LaneLabelPlacer::Candidate cand;
            cand.text = QStringLiteral("×%1").arg(pendingCount);
            cand.font = smallFont;
            cand.color = m_palette.text;
            cand.priority = 30;
            cand.bounds = area;
            cand.mayElide = false;
            const double w = countDigitsWidth(smallFm, pendingCount);
            cand.places = {{barTop - 6 * k - smallFm.ascent() / 2, x, LaneLabelPlacer::Side::Centre, 0},
                          {barMid, x + 7 * k, LaneLabelPlacer::Side::Right, w}};
            m_labels->add(std::move(cand));
        }
        p.restore();
    }
}

void TimelinePainter::paintFlows(QPainter &p, const TimelineLayout &layout,
                                 const TimelineMapping &map) const
{
    p.save();
    p.setPen(QPen(m_palette.startArrow, m_palette.lineWidth));
    p.setBrush(m_palette.startArrow);
    const TrackView &flows = m_model.snapshot().flows;
    // Arrows that would start in the same pixel column between the same two
    // lanes are drawn once.
    QSet<qint64> drawn;
    int rowOfLast = -1;
    qint64 pidOfLast = 0;
    auto rowOf = [&](qint64 pid) {
        if (pid != pidOfLast) {
            pidOfLast = pid;
            rowOfLast = m_model.rowOfPid(pid);
        }
        return rowOfLast;
    };
    for (auto c = flows.cursor(); c.valid(); c.next()) {
        const Row f = c.row();
        const qint64 fromPid = f.b >> 32, toPid = qint64(std::uint32_t(f.b));
        if (fromPid == 0 || toPid == 0)
            continue;
        if (std::max(f.t, f.t1) < map.start() || std::min(f.t, f.t1) > map.end())
            continue;
        const int from = rowOf(fromPid), to = m_model.rowOfPid(toPid);
        if (from < 0 || to < 0)
            continue;
        const QRectF fr = layout.laneRect(from), tr_ = layout.laneRect(to);
        if (fr.isEmpty() && tr_.isEmpty())
            continue;
        const double ax = map.toX(f.t);
        const qint64 key = (qint64(from) << 40) ^ (qint64(to) << 20) ^ qint64(std::floor(ax) + 4096);
        if (drawn.contains(key))
            continue;
        drawn.insert(key);
        const double fy = layout.barTop(from, 0) + layout.barHeight(0) / 2;
        const double ty =
            to > from ? layout.barTop(to, 0) : layout.barTop(to, 0) + layout.barHeight(0);
        const QPointF a(ax, fy), b(map.toX(f.t1), ty);
        QPainterPath path(a);
        path.cubicTo(QPointF(a.x(), (a.y() + b.y()) / 2), QPointF(b.x(), (a.y() + b.y()) / 2), b);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(m_palette.startArrow);
        drawArrowHead(p, b, QPointF(b.x(), (a.y() + b.y()) / 2), m_palette.arrowHead);
    }
    p.restore();
}

void TimelinePainter::paintSignalArrows(QPainter &p, const TimelineLayout &layout,
                                        const TimelineMapping &map) const
{
    // terminate()/kill() point from the caller's lane to the target's lane.
    p.save();
    p.setPen(QPen(m_palette.signalMark, m_palette.lineWidth, Qt::DashLine));
    p.setBrush(m_palette.signalMark);
    for (int row = 0; row < m_model.rowCount(); ++row) {
        const Lane &lane = m_model.lane(row);
        const std::uint64_t signalled =
            eventkind::bit(EventKind::Terminate) | eventkind::bit(EventKind::Kill);
        if (!(lane.kinds & signalled))
            continue;
        const TrackView &v = lane.tracks.notable;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const Row m = v.row(i);
            if (m.kind != EventKind::Terminate && m.kind != EventKind::Kill)
                continue;
            const qint64 target = (m.flags & store::FlagGenericArgs)
                                      ? lane.markerArgs(m).value(QStringLiteral("target_pid")).toInteger()
                                      : m.a;
            const int to = m_model.rowOfPid(target);
            if (to < 0 || to == row)
                continue;
            const double x = map.toX(m.t);
            const double fy = layout.barTop(row, 0) + layout.barHeight(0) / 2;
            const double ty =
                to > row ? layout.barTop(to, 0) : layout.barTop(to, 0) + layout.barHeight(0);
            p.drawLine(QPointF(x, fy), QPointF(x, ty));
            drawArrowHead(p, QPointF(x, ty), QPointF(x, fy), m_palette.arrowHead);
        }
    }
    p.restore();
}

void TimelinePainter::paintLostUpdates(QPainter &p, const TimelineLayout &layout,
                                       const TimelineMapping &map) const
{
    struct Spot
    {
        QPointF at;
        qint64 count;
    };
    QVector<Spot> spots;
    struct Link
    {
        QPointF at, from;
    };
    QVector<Link> links;
    qint64 visible = 0;
    for (int row = 0; row < m_model.rowCount(); ++row) {
        if (layout.laneRect(row).isEmpty())
            continue;
        const Lane &lane = m_model.lane(row);
        const TrackView &v = lane.tracks.lost;
        if (v.empty())
            continue;
        const double y = layout.barTop(row, 0) + layout.barHeight(0) / 2;
        auto seek = v.seeker();
        std::size_t i = seek.lowerBound(map.start());
        const std::size_t end = seek.lowerBound(std::nextafter(map.end(), INFINITY), i);
        visible += qint64(end - i);
        // One ring per pixel column, with how many lost updates it stands for.
        while (i < end) {
            const double col = std::floor(map.toX(seek.t(i)));
            const std::size_t j = std::min(end, std::max(i + 1, seek.lowerBound(map.toTime(col + 1), i + 1)));
            spots.push_back({QPointF(col + 0.5, y), qint64(j - i)});
            i = j;
        }
    }
    p.save();
    // Connectors only while they can still be told apart.
    if (visible <= 300) {
        for (int row = 0; row < m_model.rowCount(); ++row) {
            if (layout.laneRect(row).isEmpty())
                continue;
            const Lane &lane = m_model.lane(row);
            const TrackView &v = lane.tracks.lost;
            const double y = layout.barTop(row, 0) + layout.barHeight(0) / 2;
            for (std::size_t i = v.lowerBound(map.start()); i < v.size(); ++i) {
                const Row r = v.row(i);
                if (r.t > map.end())
                    break;
                const LostUpdate u = LostUpdates::fromRow(lane, r);
                const int fromRow = m_model.rowOfPid(u.lostPid);
                if (fromRow < 0 || layout.laneRect(fromRow).isEmpty())
                    continue;
                const double fy = layout.barTop(fromRow, 0) + layout.barHeight(0) / 2;
                links.push_back({QPointF(map.toX(r.t), y), QPointF(map.toX(u.lostTs), fy)});
            }
        }
        p.setPen(QPen(m_palette.lostUpdate, m_palette.lineWidth, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        for (const Link &s : links) {
            QPainterPath path(s.from);
            const double bend = (s.at.y() - s.from.y()) / 2;
            path.cubicTo(s.from + QPointF(0, bend), s.at - QPointF(0, bend), s.at);
            p.drawPath(path);
        }
    }
    const double k = m_palette.markScale;
    const double r = std::clamp(layout.laneHeight * 0.16, 3.5 * k, 7.0 * k);
    QFont small = p.font();
    small.setPointSizeF(m_palette.fontPointSize * 0.8);
    const QFontMetricsF fm(small);
    p.setPen(QPen(m_palette.lostUpdate, 2.5 * k));
    p.setBrush(m_palette.lostUpdateFill);
    for (const Spot &s : spots)
        p.drawEllipse(s.at, r, r);
    // Counts where there is room to the right of a ring, before the next one.
    p.setFont(small);
    p.setPen(m_palette.text);
    for (qsizetype i = 0; i < spots.size(); ++i) {
        if (spots[i].count < 2)
            continue;
        const QString n = QStringLiteral("×%1").arg(spots[i].count);
        const double w = fm.horizontalAdvance(n);
        const double x = spots[i].at.x() + r + 2;
        if (i + 1 < spots.size() && spots[i + 1].at.y() == spots[i].at.y() &&
            spots[i + 1].at.x() - r < x + w + 2)
            continue;
        if (!m_labels)
            continue;
        LaneLabelPlacer::Candidate c;
        c.text = n;
        c.font = small;
        c.color = m_palette.text;
        c.priority = 10;
        const int row = layout.laneAt(spots[i].at.y());
        c.bounds = row < 0 ? layout.lanes : layout.laneRect(row) & layout.lanes;
        c.mayElide = false;
        c.places = {{spots[i].at.y() - r - fm.ascent() / 2 + fm.descent(), x,
                    LaneLabelPlacer::Side::Right, 0}};
        m_labels->add(std::move(c));
    }
    p.restore();
}

void TimelinePainter::drawLaneLabels(QPainter &p) const
{
    if (!m_labels)
        return;
    p.save();
    QColor backing = m_palette.background;
    backing.setAlphaF(0.8);
    for (const LaneLabelPlacer::Placed &l : m_labels->place()) {
        if (l.backing)
            p.fillRect(l.box.adjusted(-2, 0, 2, 0), backing);
        p.setFont(l.font);
        p.setPen(l.color);
        p.drawText(QPointF(l.box.left(), l.baseline), l.text);
    }
    p.restore();
}

} // namespace proclab
