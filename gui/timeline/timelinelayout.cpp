#include "timelinelayout.h"

#include "timelinelegend.h"

#include <QFont>
#include <QFontMetricsF>
#include <algorithm>
#include <cmath>

namespace proclab {

namespace {

// A lane's name column shows the name alone, or the name over "pid · exit ·
// CPU" once the lane is 1.75 bold lines high (TimelinePainter::paintLaneName).
// Just above that the two lines touch, more so with Chinese text (its
// fallback font is taller): such heights give way to one line instead.
double avoidCrampedNames(double laneHeight, const TimelinePalette &palette)
{
    QFont bold;
    bold.setPointSizeF(palette.fontPointSize);
    bold.setBold(true);
    const double line = QFontMetricsF(bold).height();
    const double twoLines = std::max(30.0, line * 1.75); // the painter's rule
    const double roomy = line * 2.3;                      // two lines that do not touch
    if (laneHeight >= twoLines && laneHeight < roomy)
        return std::max(double(palette.laneMinHeight), std::floor(twoLines) - 1);
    return laneHeight;
}

} // namespace

TimelineLayout TimelineLayout::compute(const QRectF &bounds, int laneCount, int firstLane,
                                       const TimelinePalette &palette, bool hasCaption,
                                       LegendFeatures features, QSizeF corner)
{
    TimelineLayout l;
    l.features = features;
    const double unit = palette.fontPointSize * 1.9; // one text line, roughly
    double y = bounds.top();
    if (hasCaption || !corner.isEmpty()) {
        const double h = std::max(hasCaption ? unit * 1.25 : 0.0, corner.height());
        l.caption = QRectF(bounds.left(), y, std::max(0.0, bounds.width() - corner.width()), h);
        y += h;
    }
    const int legendLines = TimelineLegend::lines(palette, bounds.width(), features);
    l.legend = QRectF(bounds.left(), y, bounds.width(), unit * (0.2 + legendLines));
    y += l.legend.height();
    l.axis = QRectF(bounds.left() + palette.labelWidth, y, bounds.width() - palette.labelWidth,
                    unit * 1.2);
    y += l.axis.height();
    const double avail = std::max(1.0, bounds.bottom() - y);
    l.laneCount = laneCount;
    l.laneHeight = laneCount == 0 ? palette.laneMaxHeight
                                  : std::clamp(avail / laneCount, double(palette.laneMinHeight),
                                               double(palette.laneMaxHeight));
    l.laneHeight = avoidCrampedNames(l.laneHeight, palette);
    l.firstLane = std::clamp(firstLane, 0, std::max(0, laneCount - 1));
    l.names = QRectF(bounds.left(), y, palette.labelWidth, avail);
    l.lanes =
        QRectF(bounds.left() + palette.labelWidth, y, bounds.width() - palette.labelWidth, avail);
    return l;
}

int TimelineLayout::visibleLanes() const
{
    return std::min(laneCount - firstLane, int(std::ceil(lanes.height() / laneHeight)));
}

QRectF TimelineLayout::laneRect(int row) const
{
    const int vis = row - firstLane;
    if (vis < 0 || row >= laneCount)
        return {};
    const double top = lanes.top() + vis * laneHeight;
    if (top >= lanes.bottom())
        return {};
    return QRectF(names.left(), top, names.width() + lanes.width(), laneHeight);
}

int TimelineLayout::laneAt(double y) const
{
    if (y < lanes.top() || y >= lanes.bottom())
        return -1;
    const int row = firstLane + int((y - lanes.top()) / laneHeight);
    return row < laneCount ? row : -1;
}

double TimelineLayout::barHeight(int depth) const
{
    // Outer state (running / zombie) fills most of the lane; nested states
    // (sleep, join) sit inside it, a little thinner, so both stay visible.
    const double full = laneHeight * 0.6;
    return depth == 0 ? full : std::max(3.0, full * (1.0 - 0.4 * std::min(depth, 2)));
}

double TimelineLayout::barTop(int row, int depth) const
{
    const QRectF r = laneRect(row);
    const double mid = r.top() + r.height() * 0.42;
    return mid - barHeight(depth) / 2;
}

double TimelineLayout::stateBandHeight() const
{
    return std::clamp(laneHeight * 0.18, 3.0, 12.0);
}

double TimelineLayout::stateBandTop(int row) const
{
    // Bars end at 0.72 of the lane; the band sits just below them.
    return laneRect(row).top() + laneHeight * 0.76;
}

} // namespace proclab
