#include "timelineview.h"

#include "timelinelayout.h"
#include "timelinelegend.h"
#include "timelinepainter.h"
#include "timelinetooltip.h"
#include "tracemodel.h"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace proclab {

namespace {
// A live run changes the model ~120 times a second (new events, the "now"
// line): the timeline repaints at most once a display frame, and never
// spends more than about a quarter of the GUI thread on it (a paint of
// millions of events takes a few ms).
constexpr double kLiveFrameMs = 16;
constexpr double kLiveMaxFrameMs = 100;
constexpr double kLivePaintShare = 4;
} // namespace

TimelineView::TimelineView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::WheelFocus);
    m_liveFrame.setSingleShot(true);
    m_liveFrame.setTimerType(Qt::PreciseTimer);
    connect(&m_liveFrame, &QTimer::timeout, this, qOverload<>(&QWidget::update));
}

void TimelineView::setModel(TraceModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_features = m_model ? TimelinePainter::featuresOf(*m_model) : LegendFeatures{};
    if (m_model)
        connect(m_model, &TraceModel::changed, this, &TimelineView::onModelChanged);
    fitAll();
}

void TimelineView::setCaption(const QString &caption, const QString &tooltip,
                              const QStringList &details)
{
    m_caption = caption;
    m_captionTooltip = tooltip;
    m_captionDetails = details;
    update();
}

void TimelineView::setPalette(const TimelinePalette &palette)
{
    m_palette = palette;
    updateFollow(); // the lane-name column may have changed width
    update();
}

void TimelineView::setCornerKept(QSizeF corner)
{
    if (corner == m_corner)
        return;
    m_corner = corner;
    updateFollow(); // the lanes may have moved down
    update();
}

TimelineLayout TimelineView::layoutFor(const QRectF &bounds) const
{
    return TimelineLayout::compute(bounds, m_model ? m_model->rowCount() : 0, m_firstLane,
                                   m_palette, !m_caption.isEmpty(), m_features, m_corner);
}

QString TimelineView::captionFor(const QRectF &bounds) const
{
    if (m_captionDetails.isEmpty())
        return m_caption;
    // The painter's title font: 1.25 times the timeline's, bold, 10 px in
    // from either side.
    QFont f = font();
    f.setPointSizeF(m_palette.fontPointSize * 1.25);
    f.setBold(true);
    const QFontMetricsF fm(f);
    const double room = layoutFor(bounds).caption.width() - 20;
    for (qsizetype n = m_captionDetails.size(); n > 0; --n) {
        const QString text = m_caption + QStringLiteral(":  ") +
                             m_captionDetails.mid(0, n).join(QStringLiteral(" · "));
        if (fm.horizontalAdvance(text) <= room)
            return text;
    }
    return m_caption;
}

TimelineMapping TimelineView::fittedMapping(const QRectF &lanes) const
{
    double end = m_model ? m_model->now() : 0;
    if (m_model && m_model->isLive())
        end = std::max(end * 1.08, 1'000'000.0); // room to grow: less jumping while live
    else
        end = std::max(end * 1.03, 1000.0);
    return TimelineMapping(0, end, lanes.left() + 4, lanes.right() - 70);
}

int TimelineView::heightToFit(int width) const
{
    const TimelineLayout layout = layoutFor(QRectF(0, 0, width, 100'000));
    const int lanes = m_model ? m_model->rowCount() : 0;
    return int(std::ceil(layout.lanes.top() + std::max(lanes, 1) * m_palette.laneMaxHeight +
                         m_palette.fontPointSize));
}

void TimelineView::fitAll()
{
    m_follow = true;
    setMapping(fittedMapping(layoutFor(rect()).lanes));
    update();
}

void TimelineView::setMapping(const TimelineMapping &map)
{
    const bool moved = map.start() != m_map.start() || map.end() != m_map.end();
    m_map = map;
    if (moved)
        Q_EMIT rangeChanged(m_map.start(), m_map.end());
}

void TimelineView::setCursorTime(double us)
{
    if (us == m_cursorUs)
        return;
    m_cursorUs = us;
    update();
}

void TimelineView::setHighlightedPid(qint64 pid)
{
    m_highlightPid = pid;
    const int row = m_model && pid >= 0 ? m_model->rowOfPid(pid) : -1;
    if (row >= 0) {
        const TimelineLayout layout = layoutFor(rect());
        const int visible = std::max(1, layout.visibleLanes());
        if (row < m_firstLane || row >= m_firstLane + visible)
            m_firstLane = std::max(0, row - visible / 2);
    }
    update();
}

void TimelineView::leaveEvent(QEvent *)
{
    Q_EMIT hovered(-1);
}

void TimelineView::setVisibleRange(double startUs, double endUs)
{
    const QRectF lanes = layoutFor(rect()).lanes;
    setMapping(TimelineMapping(startUs, endUs, lanes.left() + 4, lanes.right() - 70));
    m_follow = false;
    update();
}

void TimelineView::updateFollow()
{
    if (m_follow) {
        setMapping(fittedMapping(layoutFor(rect()).lanes));
    } else {
        const QRectF lanes = layoutFor(rect()).lanes;
        setMapping(m_map.withPixels(lanes.left() + 4, lanes.right() - 70));
    }
}

void TimelineView::onModelChanged()
{
    if (m_model && !(m_features.locks && m_features.values && m_features.queues))
        m_features = TimelinePainter::featuresOf(*m_model);
    if (m_model && m_model->rowCount() == 0) {
        m_features = {};
        m_selected = {};
    }
    updateFollow();
    if (m_model && m_model->isLive())
        repaintLive();
    else
        update();
}

void TimelineView::repaintLive()
{
    if (m_liveFrame.isActive())
        return; // a repaint is due soon: it shows this change too
    const double frame =
        std::clamp(m_lastPaintMs * kLivePaintShare, kLiveFrameMs, kLiveMaxFrameMs);
    const double since = m_lastPaint.isValid() ? m_lastPaint.nsecsElapsed() / 1e6 : frame;
    if (since >= frame)
        update();
    else
        m_liveFrame.start(int(std::ceil(frame - since)));
}

void TimelineView::renderTo(QPainter &painter, const QRectF &bounds) const
{
    painter.fillRect(bounds, m_palette.background);
    if (!m_model)
        return;
    const TimelineLayout layout = layoutFor(bounds);
    // Export at another size: same time window, re-laid to the new width.
    const TimelineMapping map =
        m_follow ? fittedMapping(layout.lanes)
                 : m_map.withPixels(layout.lanes.left() + 4, layout.lanes.right() - 70);
    TimelinePainter(*m_model, m_palette).paint(painter, layout, map, captionFor(bounds));
}

void TimelineView::paintEvent(QPaintEvent *)
{
    m_lastPaint.start();
    m_liveFrame.stop(); // this paint shows whatever it was waiting for
    paintTimeline();
    m_lastPaintMs = m_lastPaint.nsecsElapsed() / 1e6;
}

void TimelineView::paintTimeline()
{
    QPainter p(this);
    renderTo(p, rect());
    if (m_cursorUs >= m_map.start() && m_cursorUs <= m_map.end()) {
        const TimelineLayout layout = layoutFor(rect());
        const double x = m_map.toX(m_cursorUs);
        p.setPen(QPen(m_palette.text, 1, Qt::DotLine));
        p.drawLine(QPointF(x, layout.axis.top()), QPointF(x, layout.lanes.bottom()));
    }
    const int row = m_model && m_highlightPid >= 0 ? m_model->rowOfPid(m_highlightPid) : -1;
    const QRectF lane = row >= 0 ? layoutFor(rect()).laneRect(row) : QRectF();
    if (!lane.isEmpty()) {
        p.setPen(QPen(m_palette.signalMark, 3));
        p.setBrush(Qt::NoBrush);
        p.drawRect(lane.adjusted(1.5, 1.5, -1.5, -1.5));
    }
    paintSelection(p);
}

void TimelineView::paintSelection(QPainter &p) const
{
    if (!m_model || !m_selected.isEvent() || m_selected.row >= m_model->rowCount() ||
        m_model->lane(m_selected.row).pid != m_selected.pid)
        return;
    const TimelineLayout layout = layoutFor(rect());
    if (layout.laneRect(m_selected.row).isEmpty())
        return;
    const double x = m_map.toX(m_selected.t);
    const double mid = layout.barTop(m_selected.row, 0) + layout.barHeight(0) / 2;
    const double r = std::max(9.0, layout.barHeight(0) * 0.75);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(m_palette.text, m_palette.lineWidth * 1.3, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(QPointF(x, mid), r, r);
}

void TimelineView::resizeEvent(QResizeEvent *)
{
    updateFollow();
}

void TimelineView::wheelEvent(QWheelEvent *e)
{
    const double steps = e->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    if (e->modifiers() & Qt::ShiftModifier) { // Shift+wheel scrolls lanes
        m_firstLane = std::max(0, m_firstLane - int(std::round(steps)));
        update();
        return;
    }
    setMapping(m_map.zoomed(std::pow(1.25, steps), e->position().x()));
    m_follow = false;
    update();
    e->accept();
}

void TimelineView::mousePressEvent(QMouseEvent *e)
{
    if (e->button() == Qt::LeftButton) {
        m_dragging = true;
        m_dragFrom = e->position();
        m_pressedAt = e->position();
        setCursor(Qt::ClosedHandCursor);
    }
}

void TimelineView::mouseMoveEvent(QMouseEvent *e)
{
    const TimelineLayout here = layoutFor(rect());
    Q_EMIT hovered(e->position().x() >= here.lanes.left() ? m_map.toTime(e->position().x()) : -1);
    if (!m_dragging)
        return;
    const QPointF d = e->position() - m_dragFrom;
    m_dragFrom = e->position();
    setMapping(m_map.panned(d.x()));
    const TimelineLayout layout = layoutFor(rect());
    if (std::abs(d.y()) > 0 && layout.laneHeight > 0) {
        m_laneCarry -= d.y() / layout.laneHeight;
        const int lanes = int(m_laneCarry);
        m_laneCarry -= lanes;
        m_firstLane = std::clamp(m_firstLane + lanes, 0, std::max(0, layout.laneCount - 1));
    }
    m_follow = false;
    update();
}

void TimelineView::mouseReleaseEvent(QMouseEvent *e)
{
    const bool click = m_dragging && (e->position() - m_pressedAt).manhattanLength() < 4;
    m_dragging = false;
    unsetCursor();
    if (click && m_model) {
        m_selected = TimelineTooltip::hitAt(*m_model, layoutFor(rect()), m_map, e->position());
        update();
        Q_EMIT eventSelected(m_selected);
    }
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *)
{
    m_firstLane = 0;
    fitAll();
}

bool TimelineView::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip && m_model) {
        auto *help = static_cast<QHelpEvent *>(e);
        const TimelineLayout layout = layoutFor(rect());
        QString text;
        // The title: every parameter; the legend: every entry, named in full.
        if (layout.caption.contains(help->pos()))
            text = m_captionTooltip;
        else if (layout.legend.contains(help->pos()))
            text = TimelineLegend(m_palette).tooltip(m_features);
        else
            text = TimelineTooltip::textAt(*m_model, layout, m_map, help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(e);
}

} // namespace proclab
