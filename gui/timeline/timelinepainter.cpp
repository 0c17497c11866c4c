#include "timelinepainter.h"

#include "enginetext.h"
#include "eventstyle.h"
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
    LaneLabelPlacer labels(6); // px between two labels
    m_labels = &labels;
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
    drawLaneLabels(p);
    m_labels = nullptr;
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
        // No lanes yet, so no names: the hint has the whole width, wrapped
        // within it (a narrow window cut it at both ends).
        p.setPen(m_palette.mutedText);
        p.setFont(fontOf(p, 1.3));
        const QRectF room =
            QRectF(layout.names.left(), layout.lanes.top(),
                   layout.lanes.right() - layout.names.left(), layout.lanes.height())
                .adjusted(12, 0, -12, 0);
        p.drawText(room, Qt::AlignCenter | Qt::TextWordWrap,
                   QCoreApplication::translate(
                       "Timeline", "Press Run: each real process of the lab gets a lane here."));
    }
    p.restore();
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
    static const std::uint64_t ownEntries = [] {
        std::uint64_t m = 0;
        for (const EventStyle &s : eventstyle::all())
            if (s.group == LegendGroup::Present)
                m |= bit(s.kind);
        return m;
    }();
    f.present = kinds & ownEntries;
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

void TimelinePainter::paintAxis(QPainter &p, const TimelineLayout &layout,
                                const TimelineMapping &map) const
{
    const QRectF &r = layout.axis;
    const QFontMetricsF fm(p.font());
    p.setPen(QPen(m_palette.grid, m_palette.gridWidth));
    p.drawLine(r.bottomLeft(), r.bottomRight());
    p.setPen(m_palette.mutedText);
    // Every tick gets its mark; a label that would touch the one before it
    // (a narrow timeline, or one pushed inside at an edge) is left out.
    constexpr double kLabelGap = 6;
    double lastRight = -1e300;
    for (const TimeTick &t : TimeAxis::ticks(map)) {
        const double x = map.toX(t.us);
        if (x < r.left() - 1 || x > r.right() + 1)
            continue;
        p.drawLine(QPointF(x, r.bottom() - 5), QPointF(x, r.bottom()));
        const double w = fm.horizontalAdvance(t.label);
        const double tx = std::clamp(x - w / 2, r.left(), r.right() - w);
        if (tx < lastRight + kLabelGap)
            continue;
        p.drawText(QPointF(tx, r.bottom() - 8), t.label);
        lastRight = tx + w;
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
        // pid, exit code, where it ran last (sampled from /proc): each part
        // only if it fits whole (the exit code is also at the lane's end).
        const QFontMetricsF sfm(small);
        QString info = QCoreApplication::translate("Timeline", "pid %1").arg(lane.pid);
        QStringList more;
        if (lane.exitcode)
            more << exitLabel(*lane.exitcode);
        if (lane.lastCpu() >= 0)
            more << QCoreApplication::translate("Timeline", "CPU %1").arg(lane.lastCpu());
        for (const QString &part : std::as_const(more))
            if (sfm.horizontalAdvance(info + QStringLiteral(" · ") + part) <= text.width())
                info += QStringLiteral(" · ") + part;
        p.drawText(text, Qt::AlignBottom | Qt::AlignLeft,
                   sfm.elidedText(info, Qt::ElideRight, text.width()));
    }
    QFont f = p.font();
    f.setPointSizeF(m_palette.fontPointSize);
    p.setFont(f);
}

} // namespace proclab
