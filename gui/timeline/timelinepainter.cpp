#include "timelinepainter.h"

#include "enginetext.h"
#include "timelinedraw.h"
#include "timeaxis.h"
#include "sampledstate.h"
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
    using eventkind::bit;
    LegendFeatures f;
    std::uint64_t kinds = 0;
    std::uint32_t states = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        kinds |= model.lane(r).kinds;
        states |= model.lane(r).stateCodes;
    }
    auto any = [&](std::initializer_list<EventKind> ks) {
        for (EventKind k : ks)
            if (kinds & bit(k))
                return true;
        return false;
    };
    f.locks = any({EventKind::WaitLock, EventKind::HoldLock});
    f.pipes = any({EventKind::WaitRecv});
    f.joins = any({EventKind::Join});
    f.zombies = any({EventKind::Zombie});
    f.values = any({EventKind::Write, EventKind::Read});
    f.queues = any({EventKind::Put, EventKind::Get});
    f.reparent = any({EventKind::Reparent});
    f.signalled = any({EventKind::Terminate, EventKind::Kill});
    f.errors = any({EventKind::Error});
    f.cpuShares = any({EventKind::CpuShare});
    f.states = states != 0;
    const std::pair<SampledState, QString> order[] = {
        {SampledState::Running, ev::StateRunning}, {SampledState::Sleeping, ev::StateSleeping},
        {SampledState::Disk, ev::StateDisk},       {SampledState::Zombie, ev::StateZombie},
        {SampledState::Stopped, ev::StateStopped}};
    for (const auto &[code, name] : order)
        if (states & (1u << int(code)))
            f.stateNames << name;
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
        if (lane.lastCpu() >= 0) // where it ran last (sampled from /proc)
            info += QStringLiteral(" · ") +
                    QCoreApplication::translate("Timeline", "CPU %1").arg(lane.lastCpu());
        p.drawText(text, Qt::AlignBottom | Qt::AlignLeft,
                   QFontMetricsF(small).elidedText(info, Qt::ElideRight, text.width()));
    }
    QFont f = p.font();
    f.setPointSizeF(m_palette.fontPointSize);
    p.setFont(f);
}

} // namespace proclab
