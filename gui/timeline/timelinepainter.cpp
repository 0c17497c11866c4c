#include "timelinepainter.h"

#include "enginetext.h"
#include "timeaxis.h"
#include "tracemodel.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QSet>
#include <QVarLengthArray>
#include <csignal>

namespace proclab {

namespace {

QFont fontOf(const QPainter &p, double scale, bool bold = false)
{
    QFont f = p.font();
    f.setPointSizeF(f.pointSizeF() * scale);
    f.setBold(bold);
    return f;
}

void drawHatched(QPainter &p, const QRectF &r, const QColor &c, double outline = 1)
{
    p.fillRect(r, c.lighter(135));
    QBrush hatch(c.darker(130), Qt::BDiagPattern);
    p.fillRect(r, hatch);
    p.setPen(QPen(c.darker(140), std::max(1.0, outline)));
    p.drawRect(r);
}

void drawArrowHead(QPainter &p, QPointF tip, QPointF from, double size)
{
    QLineF line(tip, from);
    line.setLength(size);
    QLineF left = line, right = line;
    left.setAngle(line.angle() + 25);
    right.setAngle(line.angle() - 25);
    QPolygonF head{tip, left.p2(), right.p2()};
    p.drawPolygon(head);
}

} // namespace

QString TimelinePainter::exitLabel(int exitcode)
{
    if (exitcode == -SIGTERM)
        return QCoreApplication::translate("Timeline", "exit -15 (SIGTERM)");
    if (exitcode == -SIGKILL)
        return QCoreApplication::translate("Timeline", "exit -9 (SIGKILL)");
    return QCoreApplication::translate("Timeline", "exit %1").arg(exitcode);
}

void TimelinePainter::paint(QPainter &p, const TimelineLayout &layout, const TimelineMapping &map,
                            const QString &caption) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    QFont base = p.font();
    base.setPointSizeF(m_palette.fontPointSize);
    p.setFont(base);

    if (!layout.caption.isEmpty()) {
        p.setPen(m_palette.text);
        p.setFont(fontOf(p, 1.25, true));
        const QRectF r = layout.caption.adjusted(10, 0, -10, 0);
        p.drawText(r, Qt::AlignVCenter | Qt::AlignLeft,
                   QFontMetricsF(p.font()).elidedText(caption, Qt::ElideRight, r.width()));
        p.setFont(base);
    }
    paintTimelineLegend(p, layout, m_palette);
    paintAxis(p, layout, map);

    const int visible = layout.visibleLanes();
    for (int i = 0; i < visible; ++i) {
        const int row = layout.firstLane + i;
        const QRectF r = layout.laneRect(row);
        if (i % 2 == 1)
            p.fillRect(r, m_palette.laneStripe);
    }
    // Grid lines under the bars.
    p.setPen(QPen(m_palette.grid, m_palette.gridWidth));
    for (const TimeTick &t : TimeAxis::ticks(map))
        p.drawLine(QPointF(map.toX(t.us), layout.lanes.top()),
                   QPointF(map.toX(t.us), layout.lanes.bottom()));

    p.save();
    p.setClipRect(layout.lanes);
    for (int i = 0; i < visible; ++i) {
        const int row = layout.firstLane + i;
        paintIntervals(p, layout, map, row, m_model.lane(row));
        paintStates(p, layout, map, row, m_model.lane(row));
    }
    for (int i = 0; i < visible; ++i) {
        const int row = layout.firstLane + i;
        paintAccesses(p, layout, map, row, m_model.lane(row));
    }
    paintFlows(p, layout, map);
    paintSignalArrows(p, layout, map);
    paintLostUpdates(p, layout, map);
    for (int i = 0; i < visible; ++i) {
        const int row = layout.firstLane + i;
        paintMarkers(p, layout, map, row, m_model.lane(row));
    }
    if (m_model.isLive()) {
        const double x = map.toX(m_model.now());
        p.setPen(QPen(m_palette.signalMark, m_palette.lineWidth * 1.25, Qt::DashLine));
        p.drawLine(QPointF(x, layout.lanes.top()), QPointF(x, layout.lanes.bottom()));
    }
    p.restore();

    for (int i = 0; i < visible; ++i) {
        const int row = layout.firstLane + i;
        QRectF r = layout.laneRect(row);
        r.setWidth(layout.names.width());
        paintLaneName(p, r, m_model.lane(row));
    }
    p.setPen(QPen(m_palette.grid, m_palette.gridWidth));
    p.drawLine(layout.names.topRight(), layout.names.bottomRight());

    if (m_model.rowCount() == 0) {
        p.setPen(m_palette.mutedText);
        p.setFont(fontOf(p, 1.3));
        p.drawText(layout.lanes, Qt::AlignCenter,
                   QCoreApplication::translate(
                       "Timeline", "Press Run: each real process of the lab gets a lane here."));
    }
    p.restore();
}

namespace {

enum class Glyph
{
    Swatch,
    Hatched,
    Dot,
    Bar,
    Cross,
    Triangle,
    Tick,
    ReadWrite,
    Lost,
    Diamond,
    Band,   // thin strip: a sampled /proc state
    Dashed, // dashed upright: re-parented
    Label,  // text only (heads a group of items)
};

struct LegendItem
{
    QString name;
    Glyph glyph;
    QColor color;
};

QVector<LegendItem> legendItems(const TimelinePalette &pal, LegendFeatures f)
{
    QVector<LegendItem> items{
        {pal.legendName(ev::Running), Glyph::Swatch, pal.running},
        {pal.legendName(ev::Sleep), Glyph::Swatch, pal.sleeping},
    };
    if (f.joins)
        items += {{pal.legendName(ev::Join), Glyph::Swatch, pal.blockedJoin}};
    if (f.zombies)
        items += {{pal.legendName(ev::Zombie), Glyph::Hatched, pal.zombie}};
    if (f.locks)
        items += {{pal.legendName(ev::WaitLock), Glyph::Swatch, pal.waitLock},
                  {pal.legendName(ev::HoldLock), Glyph::Swatch, pal.holdLock}};
    if (f.queues)
        items += {{pal.legendName(ev::WaitPut), Glyph::Swatch, pal.waitPut},
                  {pal.legendName(ev::WaitGet), Glyph::Swatch, pal.waitGet}};
    if (f.pipes)
        items += {{pal.legendName(ev::WaitRecv), Glyph::Swatch, pal.colorFor(ev::WaitRecv)}};
    if (f.cpuShares)
        items += {{QCoreApplication::translate("Timeline", "running but not on a CPU (sampled)"),
                   Glyph::Swatch, pal.offCpu}};
    // Only the sampled states this run shows (R and S nearly always; D, Z, T
    // where a lab makes them), so the legend stays short on a projector.
    if (f.states)
        items +=
            {{QCoreApplication::translate("Timeline", "/proc state:"), Glyph::Label, pal.text}};
    for (const QString &state : f.stateNames)
        items += {{pal.stateLegendName(state), Glyph::Band, pal.colorForState(state)}};
    if (f.reparent)
        items += {{QCoreApplication::translate("Timeline", "new parent (orphan)"), Glyph::Dashed,
                   pal.startArrow}};
    items += {
        {QCoreApplication::translate("Timeline", "start() →"), Glyph::Dot, pal.startArrow},
        {QCoreApplication::translate("Timeline", "exit (code)"), Glyph::Bar, pal.exitMark},
        {QCoreApplication::translate("Timeline", "reaped"), Glyph::Tick, pal.reapedMark},
    };
    if (f.signalled)
        items += {{QCoreApplication::translate("Timeline", "terminate / kill"), Glyph::Cross,
                   pal.signalMark}};
    if (f.errors)
        items +=
            {{QCoreApplication::translate("Timeline", "error"), Glyph::Triangle, pal.errorMark}};
    if (f.queues)
        items += {{QCoreApplication::translate("Timeline", "put (white) / get (black)"),
                   Glyph::ReadWrite, pal.running},
                  {QCoreApplication::translate("Timeline", "None sentinel"), Glyph::Diamond,
                   pal.sentinel}};
    if (f.values)
        items +=
            {{QCoreApplication::translate("Timeline", "read (white) / write (black)"),
              Glyph::ReadWrite, pal.running},
             {QCoreApplication::translate("Timeline", "lost update"), Glyph::Lost, pal.lostUpdate}};
    return items;
}

double glyphSpace(const LegendItem &it, const TimelinePalette &pal)
{
    return it.glyph == Glyph::Label ? 0 : pal.glyphWidth + 6;
}

// Left edge and line of every item when they flow into `width`.
QVector<QPair<double, int>> flowLegend(const QVector<LegendItem> &items, const QFontMetricsF &fm,
                                       double width, const TimelinePalette &pal)
{
    const double kGap = pal.glyphWidth * 18.0 / 26.0;
    QVector<QPair<double, int>> out;
    double x = 10;
    int line = 0;
    for (const LegendItem &it : items) {
        const double w = glyphSpace(it, pal) + fm.horizontalAdvance(it.name);
        if (x + w > width - 4 && x > 10) {
            ++line;
            x = 10;
        }
        out.push_back({x, line});
        x += w + kGap;
    }
    return out;
}

QFont legendFont(const TimelinePalette &pal)
{
    QFont f;
    f.setPointSizeF(pal.fontPointSize);
    return f;
}

} // namespace

int TimelinePainter::legendLines(const TimelinePalette &palette, double width,
                                 LegendFeatures features)
{
    const auto flow = flowLegend(legendItems(palette, features), QFontMetricsF(legendFont(palette)),
                                 width, palette);
    return flow.isEmpty() ? 1 : flow.last().second + 1;
}

LegendFeatures TimelinePainter::featuresOf(const TraceModel &model)
{
    LegendFeatures f;
    const QStringList order{ev::StateRunning, ev::StateSleeping, ev::StateDisk, ev::StateZombie,
                            ev::StateStopped};
    QSet<QString> seen;
    for (int r = 0; r < model.rowCount(); ++r) {
        const Lane &l = model.lane(r);
        f.states = f.states || !l.states.isEmpty();
        for (const Interval &st : l.states)
            seen.insert(st.name);
        for (const Interval &iv : l.intervals) {
            f.locks = f.locks || iv.name == ev::WaitLock || iv.name == ev::HoldLock;
            f.pipes = f.pipes || iv.name == ev::WaitRecv;
            f.joins = f.joins || iv.name == ev::Join;
            f.zombies = f.zombies || iv.name == ev::Zombie;
        }
        for (const Marker &m : l.markers) {
            f.values = f.values || m.name == ev::Write || m.name == ev::Read;
            f.queues = f.queues || m.name == ev::Put || m.name == ev::Get;
            f.reparent = f.reparent || m.name == ev::Reparent;
            f.signalled = f.signalled || m.name == ev::Terminate || m.name == ev::Kill;
            f.errors = f.errors || m.name == ev::Error;
        }
        f.cpuShares = f.cpuShares || !l.cpuShares.isEmpty();
    }
    for (const QString &s : order)
        if (seen.contains(s))
            f.stateNames << s;
    return f;
}

void TimelinePainter::paintLegend(QPainter &p, const QRectF &r, LegendFeatures features) const
{
    const QVector<LegendItem> items = legendItems(m_palette, features);
    const QFontMetricsF fm(p.font());
    const auto flow = flowLegend(items, fm, r.width(), m_palette);
    const double k = m_palette.markScale, kGlyphWidth = m_palette.glyphWidth;
    const double markPen = m_palette.markLineWidth;
    const int lines = flow.isEmpty() ? 1 : flow.last().second + 1;
    const double lineH = r.height() / lines;
    for (int i = 0; i < items.size(); ++i) {
        const LegendItem &it = items[i];
        const double x = r.left() + flow[i].first;
        const double cy = r.top() + lineH * (flow[i].second + 0.5);
        const double h = std::min(lineH * 0.55, 14.0 * k);
        const QRectF box(x, cy - h / 2, kGlyphWidth, h);
        const QPointF c = box.center();
        p.save();
        switch (it.glyph) {
        case Glyph::Swatch:
            p.fillRect(box, it.color);
            break;
        case Glyph::Hatched:
            drawHatched(p, box, it.color, m_palette.barOutlineWidth);
            break;
        case Glyph::Dot:
            p.setPen(Qt::NoPen);
            p.setBrush(it.color);
            p.drawEllipse(c, 4.5 * k, 4.5 * k);
            break;
        case Glyph::Bar:
            p.setPen(QPen(it.color, markPen));
            p.drawLine(c + QPointF(0, -h / 2), c + QPointF(0, h / 2));
            break;
        case Glyph::Cross:
            p.setPen(QPen(it.color, markPen));
            p.drawLine(c + QPointF(-5, -5) * k, c + QPointF(5, 5) * k);
            p.drawLine(c + QPointF(-5, 5) * k, c + QPointF(5, -5) * k);
            break;
        case Glyph::Triangle:
            p.setPen(Qt::NoPen);
            p.setBrush(it.color);
            p.drawPolygon(
                QPolygonF{c + QPointF(0, -7) * k, c + QPointF(7, 6) * k, c + QPointF(-7, 6) * k});
            break;
        case Glyph::Tick:
            p.setPen(QPen(it.color, markPen));
            p.drawLine(c + QPointF(-5, 0) * k, c + QPointF(-1, 5) * k);
            p.drawLine(c + QPointF(-1, 5) * k, c + QPointF(6, -6) * k);
            break;
        case Glyph::ReadWrite:
            p.fillRect(box, it.color);
            p.setPen(QPen(m_palette.readMark, 2 * k));
            p.drawLine(QPointF(box.left() + 8 * k, box.top()),
                       QPointF(box.left() + 8 * k, c.y() - 1));
            p.setPen(QPen(m_palette.writeMark, 2 * k));
            p.drawLine(QPointF(box.right() - 8 * k, c.y() + 1),
                       QPointF(box.right() - 8 * k, box.bottom()));
            break;
        case Glyph::Diamond:
            p.setPen(QPen(Qt::white, 1));
            p.setBrush(it.color);
            p.drawPolygon(QPolygonF{c + QPointF(0, -6) * k, c + QPointF(6, 0) * k,
                                    c + QPointF(0, 6) * k, c + QPointF(-6, 0) * k});
            break;
        case Glyph::Lost:
            p.setPen(QPen(it.color, 2.5 * k));
            p.setBrush(m_palette.lostUpdateFill);
            p.drawEllipse(c, 6 * k, 6 * k);
            break;
        case Glyph::Band:
            p.fillRect(QRectF(box.left(), c.y() - 3, box.width(), 6), it.color);
            break;
        case Glyph::Dashed:
            p.setPen(QPen(it.color, 2, Qt::DashLine));
            p.drawLine(c + QPointF(0, -h / 2), c + QPointF(0, h / 2));
            break;
        case Glyph::Label:
            break;
        }
        p.restore();
        p.setPen(m_palette.text);
        p.drawText(QPointF(x + glyphSpace(it, m_palette), cy + fm.ascent() / 2 - 1), it.name);
    }
}

void TimelinePainter::paintAxis(QPainter &p, const TimelineLayout &layout,
                                const TimelineMapping &map) const
{
    const QRectF &r = layout.axis;
    const QFontMetricsF fm(p.font());
    p.setPen(QPen(m_palette.grid, m_palette.gridWidth));
    p.drawLine(r.bottomLeft(), r.bottomRight());
    p.setPen(m_palette.mutedText);
    for (const TimeTick &t : TimeAxis::ticks(map)) {
        const double x = map.toX(t.us);
        if (x < r.left() - 1 || x > r.right() + 1)
            continue;
        p.drawLine(QPointF(x, r.bottom() - 5), QPointF(x, r.bottom()));
        const double w = fm.horizontalAdvance(t.label);
        const double tx = std::clamp(x - w / 2, r.left(), r.right() - w);
        p.drawText(QPointF(tx, r.bottom() - 8), t.label);
    }
}

void TimelinePainter::paintLaneName(QPainter &p, const QRectF &r, const Lane &lane) const
{
    const QRectF text = r.adjusted(10, 1, -6, -1);
    p.setPen(m_palette.text);
    p.setFont(fontOf(p, 1.0, true));
    const QFontMetricsF bold(p.font());
    // Name and pid on two lines only when both fit (30 px at the standard size).
    const bool twoLines = r.height() >= std::max(30.0, bold.height() * 1.75);
    QString name = lane.name;
    if (lane.daemon)
        name += QCoreApplication::translate("Timeline", " (daemon)");
    p.drawText(text, (twoLines ? Qt::AlignTop : Qt::AlignVCenter) | Qt::AlignLeft,
               bold.elidedText(name, Qt::ElideRight, text.width()));
    QFont small = p.font();
    small.setBold(false);
    small.setPointSizeF(small.pointSizeF() * 0.9);
    p.setFont(small);
    if (twoLines) {
        p.setPen(m_palette.mutedText);
        QString info = QCoreApplication::translate("Timeline", "pid %1").arg(lane.pid);
        if (lane.exitcode)
            info += QStringLiteral(" · ") + exitLabel(*lane.exitcode);
        if (!lane.cpuSamples.isEmpty()) // where it ran last (sampled from /proc)
            info +=
                QStringLiteral(" · ") +
                QCoreApplication::translate("Timeline", "CPU %1").arg(lane.cpuSamples.last().cpu);
        p.drawText(text, Qt::AlignBottom | Qt::AlignLeft,
                   QFontMetricsF(small).elidedText(info, Qt::ElideRight, text.width()));
    }
    QFont f = p.font();
    f.setPointSizeF(m_palette.fontPointSize);
    p.setFont(f);
}

// Inside a running bar, the sampled share of one CPU the process got: the
// bar stays dark up to the share, pale above it. On one core, four busy
// workers are a quarter dark each: they take turns.
void TimelinePainter::paintCpuShares(QPainter &p, const Lane &lane, const QRectF &bar, double t0,
                                     double t1, const TimelineMapping &map) const
{
    for (const CpuShare &s : lane.cpuShares) {
        if (s.t1 <= t0 || s.t0 >= t1 || s.percent >= 100)
            continue;
        const double x0 = std::max(bar.left(), map.toX(std::max(s.t0, t0)));
        const double x1 = std::min(bar.right(), map.toX(std::min(s.t1, t1)));
        if (x1 <= x0)
            continue;
        const double idle = bar.height() * (100 - s.percent) / 100.0;
        p.fillRect(QRectF(x0, bar.top(), x1 - x0, idle), m_palette.offCpu);
    }
}

void TimelinePainter::paintIntervals(QPainter &p, const TimelineLayout &layout,
                                     const TimelineMapping &map, int row, const Lane &lane) const
{
    const double now = m_model.now();
    const QFontMetricsF fm(p.font());
    // Thousands of sub-pixel intervals (a lock taken 40000 times) collapse into
    // the pixels they cover: one that adds no new pixel is not drawn again.
    struct Painted
    {
        QString name;
        int depth;
        double right;
    };
    QVarLengthArray<Painted, 8> painted;
    auto coveredUpTo = [&](const Interval &iv) -> double & {
        for (Painted &pt : painted)
            if (pt.depth == iv.depth && pt.name == iv.name)
                return pt.right;
        painted.push_back({iv.name, iv.depth, -1e18});
        return painted.back().right;
    };
    for (const Interval &iv : lane.intervals) {
        const double t1 = iv.endOr(now);
        if (t1 < map.start() || iv.t0 > map.end())
            continue;
        const double x0 = std::max(map.toX(iv.t0), layout.lanes.left() - 2);
        const double x1 = std::min(map.toX(t1), layout.lanes.right() + 2);
        double &covered = coveredUpTo(iv);
        if (x1 - x0 < 1.0 && std::max(x1, x0 + 1.5) <= covered + 0.5)
            continue;
        covered = std::max(covered, std::max(x1, x0 + 1.5));
        const QRectF bar(x0, layout.barTop(row, iv.depth), std::max(1.5, x1 - x0),
                         layout.barHeight(iv.depth));
        const QColor c = m_palette.colorFor(iv.name);
        if (iv.name == ev::Zombie) {
            drawHatched(p, bar, c, m_palette.barOutlineWidth);
        } else {
            p.fillRect(bar, c);
            if (iv.name == ev::Running)
                paintCpuShares(p, lane, bar, iv.t0, t1, map);
            if (m_palette.barOutlineWidth > 0 && bar.width() > 3) {
                p.setPen(QPen(m_palette.barOutline, m_palette.barOutlineWidth));
                p.setBrush(Qt::NoBrush);
                p.drawRect(bar);
            }
        }

        QString label;
        if (iv.name == ev::Sleep)
            label = QCoreApplication::translate("Timeline", "sleep %1 ms")
                        .arg(iv.args.value(QStringLiteral("ms")).toInteger());
        else if (iv.name == ev::Join)
            label = iv.args.value(QStringLiteral("at_exit")).toBool()
                        ? QCoreApplication::translate("Timeline", "join %1 (at exit)")
                              .arg(iv.args.value(QStringLiteral("target")).toString())
                        : QCoreApplication::translate("Timeline", "join(%1)")
                              .arg(iv.args.value(QStringLiteral("target")).toString());
        else if (iv.name == ev::Zombie)
            label = QCoreApplication::translate("Timeline", "zombie");
        else if (iv.name == ev::Phase)
            label = iv.args.value(QStringLiteral("name")).toString();
        else if (iv.name == ev::WaitRecv)
            label = QCoreApplication::translate("Timeline", "recv() waits");
        else if (iv.name == ev::ManagerCall)
            label = QCoreApplication::translate("Timeline", "manager %1")
                        .arg(iv.args.value(QStringLiteral("op")).toString());
        if (!label.isEmpty() && bar.width() > fm.horizontalAdvance(label) + 8 &&
            bar.height() >= fm.height() - 2) {
            p.setPen(iv.name == ev::Sleep || iv.name == ev::Zombie ? m_palette.text : Qt::white);
            p.drawText(bar.adjusted(4, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
        }
    }
}

void TimelinePainter::paintStates(QPainter &p, const TimelineLayout &layout,
                                  const TimelineMapping &map, int row, const Lane &lane) const
{
    if (lane.states.isEmpty())
        return;
    const double now = m_model.now();
    const double top = layout.stateBandTop(row);
    const double h = layout.stateBandHeight();
    auto span = [&](double t0, double t1) {
        const double x0 = std::max(map.toX(t0), layout.lanes.left() - 2);
        const double x1 = std::min(map.toX(t1), layout.lanes.right() + 2);
        return QRectF(x0, top, std::max(1.0, x1 - x0), h);
    };
    for (const Interval &st : lane.states) {
        const double t1 = st.endOr(now);
        if (t1 < map.start() || st.t0 > map.end())
            continue;
        p.fillRect(span(st.t0, t1), m_palette.colorForState(st.name));
    }
    // Which CPU it ran on, written into the band where there is room.
    if (h < 9 || lane.cpuSamples.isEmpty())
        return;
    QFont small = p.font();
    small.setPointSizeF(m_palette.fontPointSize * 0.75);
    p.save();
    p.setFont(small);
    const QFontMetricsF fm(small);
    const double end = lane.states.last().endOr(now);
    for (int i = 0; i < lane.cpuSamples.size(); ++i) {
        const CpuSample &cs = lane.cpuSamples[i];
        const double t1 = i + 1 < lane.cpuSamples.size() ? lane.cpuSamples[i + 1].t : end;
        const QRectF r = span(cs.t, t1);
        const QString label = QCoreApplication::translate("Timeline", "CPU %1").arg(cs.cpu);
        if (t1 < map.start() || cs.t > map.end() || r.width() < fm.horizontalAdvance(label) + 8)
            continue;
        const QColor under = m_palette.colorForState(m_model.sampledState(row, cs.t));
        p.setPen(under.lightnessF() < 0.45 ? Qt::white : m_palette.text);
        p.drawText(r.adjusted(3, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
        // A tick where the CPU changed.
        p.fillRect(QRectF(r.left(), top - 1, 1.5, h + 2), m_palette.text);
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
    double labelEnd = -1e9; // right edge of the last label drawn on this lane
    auto label = [&](double x, const QString &full, const QColor &c) {
        // Right of its mark; near the right edge, left of it; if neither
        // fits, right of it and elided.
        QString text = full;
        double w = fm.horizontalAdvance(text);
        double lx = x + 4;
        if (lx + w > layout.lanes.right()) {
            if (x - 4 - w >= layout.lanes.left()) {
                lx = x - 4 - w;
            } else {
                text = fm.elidedText(full, Qt::ElideRight, layout.lanes.right() - lx);
                w = fm.horizontalAdvance(text);
            }
        }
        if (lx < labelEnd || laneR.height() < 24 || text.size() < 4)
            return;
        p.setPen(c);
        const double y = std::min(laneR.bottom() - 2, barBottom + fm.ascent() + 1);
        p.drawText(QPointF(lx, y), text);
        labelEnd = lx + w + 6;
    };

    for (const Marker &m : lane.markers) {
        if (m.t < map.start() || m.t > map.end())
            continue;
        const double x = map.toX(m.t);
        p.save();
        if (m.name == ev::Exit) {
            p.setPen(QPen(m_palette.exitMark, markPen));
            p.drawLine(QPointF(x, barTop - 3 * k), QPointF(x, barBottom + 3 * k));
            label(x, exitLabel(m.args.value(QStringLiteral("exitcode")).toInt()),
                  m_palette.exitMark);
        } else if (m.name == ev::Start) {
            p.setPen(Qt::NoPen);
            p.setBrush(m_palette.startArrow);
            p.drawEllipse(QPointF(x, (barTop + barBottom) / 2), 4.5 * k, 4.5 * k);
        } else if (m.name == ev::Terminate || m.name == ev::Kill) {
            const QPointF c(x, (barTop + barBottom) / 2);
            p.setPen(QPen(m_palette.signalMark, markPen));
            p.drawLine(c + QPointF(-6, -6) * k, c + QPointF(6, 6) * k);
            p.drawLine(c + QPointF(-6, 6) * k, c + QPointF(6, -6) * k);
            label(x,
                  m.name == ev::Kill ? QCoreApplication::translate("Timeline", "kill()")
                                     : QCoreApplication::translate("Timeline", "terminate()"),
                  m_palette.signalMark);
        } else if (m.name == ev::DaemonTerminated) {
            label(x, QCoreApplication::translate("Timeline", "daemon terminated at main's exit"),
                  m_palette.signalMark);
        } else if (m.name == ev::Error) {
            const QPointF c(x, barTop - 1);
            p.setPen(Qt::NoPen);
            p.setBrush(m_palette.errorMark);
            p.drawPolygon(
                QPolygonF{c + QPointF(0, -8) * k, c + QPointF(8, 6) * k, c + QPointF(-8, 6) * k});
            p.setPen(Qt::white);
            p.drawText(QRectF(c.x() - 8 * k, c.y() - 7 * k, 16 * k, 14 * k), Qt::AlignCenter,
                       QStringLiteral("!"));
            const QString msg =
                engineText::traceMessage(m.args.value(QStringLiteral("message")).toString());
            label(x,
                  fm.elidedText(QCoreApplication::translate("Timeline", "error: %1").arg(msg),
                                Qt::ElideRight, 360),
                  m_palette.errorMark);
        } else if (m.name == ev::Reaped) {
            const QPointF c(x, barTop - 4 * k);
            p.setPen(QPen(m_palette.reapedMark, markPen));
            p.drawLine(c + QPointF(-5, 0) * k, c + QPointF(-1, 5) * k);
            p.drawLine(c + QPointF(-1, 5) * k, c + QPointF(6, -6) * k);
        } else if ((m.name == ev::Put || m.name == ev::Get) &&
                   m.args.value(QStringLiteral("sentinel")).toBool()) {
            const QPointF c(x, (barTop + barBottom) / 2);
            p.setPen(QPen(Qt::white, 1));
            p.setBrush(m_palette.sentinel);
            p.drawPolygon(QPolygonF{c + QPointF(0, -7) * k, c + QPointF(7, 0) * k,
                                    c + QPointF(0, 7) * k, c + QPointF(-7, 0) * k});
            label(x,
                  m.name == ev::Put ? QCoreApplication::translate("Timeline", "put(None)")
                                    : QCoreApplication::translate("Timeline", "got None: stop"),
                  m_palette.text);
        } else if (m.name == ev::Reparent) {
            // Seen by the runner's sampler: the parent changed (an orphan adopted).
            const qint64 np = m.args.value(QStringLiteral("new_ppid")).toInteger();
            p.setPen(QPen(m_palette.startArrow, 2, Qt::DashLine));
            p.drawLine(QPointF(x, barTop - 3), QPointF(x, barBottom + 3));
            // MainProcess's parent is the runner.
            const bool byRunner =
                m_model.rowCount() > 0 && m_model.lane(0).isMain && m_model.lane(0).ppid == np;
            label(x,
                  byRunner ? QCoreApplication::translate("Timeline", "adopted by the runner")
                           : QCoreApplication::translate("Timeline", "new parent: %1")
                                 .arg(m_model.laneName(np)),
                  m_palette.text);
        } else if (m.name == ev::Stdout) {
            p.setPen(QPen(m_palette.stdoutMark, 1.5 * k));
            p.drawLine(QPointF(x, barBottom + 1), QPointF(x, barBottom + 5 * k));
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
    for (const Flow &f : m_model.flows()) {
        if (f.toTs < 0 || f.fromPid == 0)
            continue;
        const int from = m_model.rowOfPid(f.fromPid), to = m_model.rowOfPid(f.toPid);
        if (from < 0 || to < 0)
            continue;
        const QRectF fr = layout.laneRect(from), tr_ = layout.laneRect(to);
        if (fr.isEmpty() && tr_.isEmpty())
            continue;
        const double fy = layout.barTop(from, 0) + layout.barHeight(0) / 2;
        const double ty =
            to > from ? layout.barTop(to, 0) : layout.barTop(to, 0) + layout.barHeight(0);
        const QPointF a(map.toX(f.fromTs), fy), b(map.toX(f.toTs), ty);
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
        for (const Marker &m : m_model.lane(row).markers) {
            if (m.name != ev::Terminate && m.name != ev::Kill)
                continue;
            const int to = m_model.rowOfPid(m.args.value(QStringLiteral("target_pid")).toInteger());
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

} // namespace proclab

namespace proclab {

void TimelinePainter::paintAccesses(QPainter &p, const TimelineLayout &layout,
                                    const TimelineMapping &map, int row, const Lane &lane) const
{
    // Reads: white ticks along the bar's top edge; writes: black, along its
    // bottom edge, leaving the middle for the lock states. Zoomed out, ticks
    // that share a pixel column are drawn once.
    const double top = layout.barTop(row, 0), h = layout.barHeight(0);
    const double tick = std::max(3.0, h * 0.28);
    const int columns = int(layout.lanes.width()) + 2;
    QVector<quint8> seen(columns, 0); // bit 1: read, bit 2: write
    for (const Marker &m : lane.markers) {
        // put adds (white, top), get removes (black, bottom): drawn like read / write
        const bool read = m.name == ev::Read || m.name == ev::Put;
        if ((!read && m.name != ev::Write && m.name != ev::Get) || m.t < map.start() ||
            m.t > map.end())
            continue;
        const int col = int(map.toX(m.t) - layout.lanes.left());
        if (col >= 0 && col < columns)
            seen[col] |= read ? 1 : 2;
    }
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    const QPen readPen(m_palette.readMark, m_palette.accessTickWidth),
        writePen(m_palette.writeMark, m_palette.accessTickWidth);
    for (int col = 0; col < columns; ++col) {
        if (!seen[col])
            continue;
        const double x = layout.lanes.left() + col + 0.5;
        if (seen[col] & 1) {
            p.setPen(readPen);
            p.drawLine(QPointF(x, top), QPointF(x, top + tick));
        }
        if (seen[col] & 2) {
            p.setPen(writePen);
            p.drawLine(QPointF(x, top + h - tick), QPointF(x, top + h));
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
        QPointF from; // the overwritten write
        bool hasFrom;
    };
    QVector<Spot> spots;
    for (int row = 0; row < m_model.rowCount(); ++row) {
        if (layout.laneRect(row).isEmpty())
            continue;
        const double y = layout.barTop(row, 0) + layout.barHeight(0) / 2;
        for (const Marker &m : m_model.lane(row).markers) {
            if (m.name != ev::LostUpdate || m.t < map.start() || m.t > map.end())
                continue;
            const int fromRow =
                m_model.rowOfPid(m.args.value(QStringLiteral("lost_write_pid")).toInteger());
            const bool hasFrom = fromRow >= 0 && !layout.laneRect(fromRow).isEmpty();
            const double fy = hasFrom ? layout.barTop(fromRow, 0) + layout.barHeight(0) / 2 : 0;
            spots.push_back(
                {QPointF(map.toX(m.t), y),
                 QPointF(map.toX(m.args.value(QStringLiteral("lost_write_ts")).toDouble()), fy),
                 hasFrom});
        }
    }
    p.save();
    // Connectors only while they can still be told apart.
    if (spots.size() <= 300) {
        p.setPen(QPen(m_palette.lostUpdate, m_palette.lineWidth, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        for (const Spot &s : spots) {
            if (!s.hasFrom)
                continue;
            QPainterPath path(s.from);
            const double bend = (s.at.y() - s.from.y()) / 2;
            path.cubicTo(s.from + QPointF(0, bend), s.at - QPointF(0, bend), s.at);
            p.drawPath(path);
        }
    }
    const double k = m_palette.markScale;
    const double r = std::clamp(layout.laneHeight * 0.16, 3.5 * k, 7.0 * k);
    p.setPen(QPen(m_palette.lostUpdate, 2.5 * k));
    p.setBrush(m_palette.lostUpdateFill);
    double lastX = -1e9, lastY = -1e9;
    for (const Spot &s : spots) {
        if (std::abs(s.at.x() - lastX) < 1 && s.at.y() == lastY)
            continue; // same pixel: one ring says it
        p.drawEllipse(s.at, r, r);
        lastX = s.at.x();
        lastY = s.at.y();
    }
    p.restore();
}

} // namespace proclab
