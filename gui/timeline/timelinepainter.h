#pragma once
// Draws a run's timeline: caption, legend, time axis, one lane per process
// with its states, markers and the start() arrows. Paints only: every
// decision about where things go lives in TimelineLayout / TimelineMapping.
// Used by TimelineView on screen and for PNG/SVG export (same pixels).

#include "eventstore.h"
#include "lanelabelplacer.h"
#include "timelinelayout.h"
#include "timelinemapping.h"
#include "timelinepalette.h"

#include <QString>

class QPainter;

namespace proclab {

class TraceModel;

class TimelinePainter
{
public:
    TimelinePainter(const TraceModel &model, const TimelinePalette &palette)
        : m_model(model), m_palette(palette)
    {
    }

    void paint(QPainter &p, const TimelineLayout &layout, const TimelineMapping &map,
               const QString &caption) const;

    static QString exitLabel(int exitcode); // "exit 0", "exit -15 (SIGTERM)"
    // Which optional legend entries `model` needs.
    static LegendFeatures featuresOf(const TraceModel &model);

private:
    void paintAccesses(QPainter &p, const TimelineLayout &layout, const TimelineMapping &map,
                       int row, const Lane &lane) const;
    void paintLostUpdates(QPainter &p, const TimelineLayout &layout,
                          const TimelineMapping &map) const;
    void paintAxis(QPainter &p, const TimelineLayout &layout, const TimelineMapping &map) const;
    void paintLaneName(QPainter &p, const QRectF &r, const Lane &lane) const;
    void paintCpuShares(QPainter &p, const Lane &lane, const QRectF &bar, double t0, double t1,
                        const TimelineMapping &map) const;
    void paintIntervals(QPainter &p, const TimelineLayout &layout, const TimelineMapping &map,
                        int row, const Lane &lane) const;
    void paintBar(QPainter &p, const TimelineLayout &layout, const TimelineMapping &map, int row,
                  const Lane &lane, const store::Row &r, int depth, double x0, double x1,
                  double t1) const;
    QString intervalLabel(const Lane &lane, const store::Row &r) const;
    void paintStates(QPainter &p, const TimelineLayout &layout, const TimelineMapping &map, int row,
                     const Lane &lane) const;
    void paintMarkers(QPainter &p, const TimelineLayout &layout, const TimelineMapping &map,
                      int row, const Lane &lane) const;
    void paintFlows(QPainter &p, const TimelineLayout &layout, const TimelineMapping &map) const;
    void paintSignalArrows(QPainter &p, const TimelineLayout &layout,
                           const TimelineMapping &map) const;

    // The lanes' text, placed once everything else is drawn (timelinelanes.cpp).
    void drawLaneLabels(QPainter &p) const;

    const TraceModel &m_model;
    const TimelinePalette &m_palette;
    // During paint(): the lanes' labels, collected, placed at the end.
    mutable LaneLabelPlacer *m_labels = nullptr;
};

} // namespace proclab
