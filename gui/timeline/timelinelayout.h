#pragma once
// Where things go in a timeline of a given size: caption, legend, axis, the
// lane-name column and one row per lane. Shared by painting and hit-testing,
// so what the mouse finds is exactly what was drawn.

#include "timelinemapping.h"
#include "timelinepalette.h"

#include <QRectF>
#include <QStringList>

#include <cstdint>

class QPainter;

namespace proclab {

// Which optional legend entries a run needs (locks, shared values).
struct LegendFeatures
{
    bool locks = false;
    bool values = false;
    bool queues = false;
    bool states = false;    // sampled /proc states (a band under the bars)
    QStringList stateNames; // which of them occur (ev::StateRunning, ...), legend order
    bool reparent = false;  // an orphan changed parent
    bool pipes = false;     // a recv() blocked on a pipe
    bool cpuShares = false; // sampled CPU shares (running bars filled by share)
    // Entries shown only when the run has them (a short legend leaves the
    // lanes room on a projector): blocked in join(), zombie, signals, errors.
    bool joins = false;
    bool zombies = false;
    bool signalled = false; // terminate() or kill()
    bool errors = false;
    // eventkind::bit() of the kinds with a LegendGroup::Present entry that the run has
    std::uint64_t present = 0;
    bool operator==(const LegendFeatures &) const = default;
};

struct TimelineLayout
{
    QRectF caption;
    QRectF legend;
    QRectF axis;
    QRectF names; // lane-name column
    QRectF lanes; // drawing area of the lanes (right of names)
    double laneHeight = 30;
    int laneCount = 0;
    int firstLane = 0; // vertical scroll, in lanes

    LegendFeatures features;

    // `corner`: a box in the top right corner kept free of the title (which
    // stops before it) and of the legend (which starts below it): the view's
    // export button.
    static TimelineLayout compute(const QRectF &bounds, int laneCount, int firstLane,
                                  const TimelinePalette &palette, bool hasCaption,
                                  LegendFeatures features = {}, QSizeF corner = {});

    int visibleLanes() const;
    QRectF laneRect(int row) const; // full width (names + lanes); empty if not visible
    int laneAt(double y) const;     // -1 outside
    double barTop(int row, int depth) const;
    double barHeight(int depth) const;
    // The thin band under the bars that shows the sampled /proc state.
    double stateBandTop(int row) const;
    double stateBandHeight() const;
};

// Draws the legend strip of `layout`: TimelineLegend (timelinelegend.cpp).
void paintTimelineLegend(QPainter &p, const TimelineLayout &layout,
                         const TimelinePalette &palette);

} // namespace proclab
