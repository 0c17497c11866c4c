#pragma once
// The live timeline: a lane per real process. Wheel zooms around the mouse,
// drag pans, double-click (or fitAll()) shows the whole run. While a run is
// live and the user has not zoomed, the view follows it. A click (press and
// release without dragging) selects the event under the mouse.

#include "timelinelayout.h"
#include "timelinemapping.h"
#include "timelinepalette.h"
#include "timelinetooltip.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QWidget>

namespace proclab {

class TraceModel;

class TimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setModel(TraceModel *model);
    TraceModel *model() const { return m_model; }
    // The title over the timeline and the tooltip it shows on hover. With
    // `details` ("buyers=10", ...) the title is `caption`:  details joined,
    // as many of them as fit the width it is drawn at (never elided).
    void setCaption(const QString &caption, const QString &tooltip = {},
                    const QStringList &details = {});
    QString caption() const { return m_caption; }
    // The title as drawn in `bounds`.
    QString captionFor(const QRectF &bounds) const;
    // The top right corner kept free (px, from the view's top and right
    // edges): the export button sits there on screen. The title is elided
    // before it, the legend starts below it.
    void setCornerKept(QSizeF corner);
    QSizeF cornerKept() const { return m_corner; }
    void setPalette(const TimelinePalette &palette);
    const TimelinePalette &timelinePalette() const { return m_palette; }

    TimelineMapping mapping() const { return m_map; }
    void setVisibleRange(double startUs, double endUs); // stops following
    void fitAll();                                      // whole run; follows a live run again
    // The height at `width` at which every lane has its full height: an
    // image of a few processes needs no more (proclab-run's default --png).
    int heightToFit(int width) const;
    bool isFollowing() const { return m_follow; }

    // A vertical line at this instant (µs; < 0: none): the shared hover cursor.
    void setCursorTime(double us);

    // Frames lane of process `pid` (< 0: none) and scrolls it into view:
    // the process tree's selection.
    void setHighlightedPid(qint64 pid);
    qint64 highlightedPid() const { return m_highlightPid; }
    int firstLane() const { return m_firstLane; }

    TimelineLayout layoutFor(const QRectF &bounds) const;
    // Renders exactly what paintEvent draws, at any size (PNG/SVG export, CLI).
    void renderTo(QPainter &painter, const QRectF &bounds) const;

    QSize sizeHint() const override { return {1000, 480}; }
    QSize minimumSizeHint() const override { return {400, 200}; }

Q_SIGNALS:
    void rangeChanged(double startUs, double endUs); // the visible time window moved
    void hovered(double us);                         // time under the mouse; -1 when it left
    // A click picked this event (!hit.isEvent(): nothing there).
    void eventSelected(const proclab::TimelineHit &hit);

protected:
    void leaveEvent(QEvent *) override;
    void paintEvent(QPaintEvent *) override;
    void resizeEvent(QResizeEvent *) override;
    void wheelEvent(QWheelEvent *) override;
    void mousePressEvent(QMouseEvent *) override;
    void mouseMoveEvent(QMouseEvent *) override;
    void mouseReleaseEvent(QMouseEvent *) override;
    void mouseDoubleClickEvent(QMouseEvent *) override;
    bool event(QEvent *) override;

private:
    void onModelChanged();
    void repaintLive(); // a live run's new events: paced (see kLiveFrameMs)
    void paintTimeline();
    void setMapping(const TimelineMapping &map);
    void updateFollow();
    void paintSelection(QPainter &p) const;
    TimelineMapping fittedMapping(const QRectF &lanes) const;

    QPointer<TraceModel> m_model;
    LegendFeatures m_features; // refreshed when the model changes
    TimelinePalette m_palette = TimelinePalette::standard();
    TimelineMapping m_map;
    QString m_caption;
    QString m_captionTooltip;
    QStringList m_captionDetails;
    QSizeF m_corner;
    bool m_follow = true;
    int m_firstLane = 0;
    QPointF m_dragFrom;
    QPointF m_pressedAt;
    bool m_dragging = false;
    double m_laneCarry = 0; // fractional lanes dragged, not yet scrolled
    double m_cursorUs = -1;
    qint64 m_highlightPid = -1;
    TimelineHit m_selected; // the clicked event, ringed on screen
    QTimer m_liveFrame;          // the next paced repaint of a live run
    QElapsedTimer m_lastPaint;   // when the last paint started
    double m_lastPaintMs = 0;    // and how long it took
};

} // namespace proclab
