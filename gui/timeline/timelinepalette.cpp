#include "timelinepalette.h"

#include <algorithm>
#include <cmath>

namespace proclab {

namespace {
// Relative luminance (WCAG 2): sRGB channels linearised, weighted.
double luminance(const QColor &c)
{
    const auto lin = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = c.toRgb();
    return 0.2126 * lin(rgb.redF()) + 0.7152 * lin(rgb.greenF()) + 0.0722 * lin(rgb.blueF());
}
} // namespace

double TimelinePalette::contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor TimelinePalette::textOn(const QColor &fill) const
{
    const QColor white(Qt::white);
    return contrastRatio(text, fill) >= contrastRatio(white, fill) ? text : white;
}

TimelinePalette TimelinePalette::standard()
{
    return {};
}

TimelinePalette TimelinePalette::presentation()
{
    TimelinePalette p;
    p.laneStripe = QColor(0xe4, 0xe8, 0xee);
    p.grid = QColor(0x9a, 0xa0, 0xa8);
    p.text = QColor(0x00, 0x00, 0x00);
    p.mutedText = QColor(0x22, 0x22, 0x22);
    p.stdoutMark = QColor(0x44, 0x44, 0x44);
    p.startArrow = QColor(0x00, 0x00, 0x00);
    p.labelWidth = 230;
    p.laneMaxHeight = 96;
    p.laneMinHeight = 30;
    p.fontPointSize = 15;
    p.markScale = 1.6;
    p.markLineWidth = 5;
    p.lineWidth = 3;
    p.arrowHead = 13;
    p.gridWidth = 1.5;
    p.accessTickWidth = 2;
    p.glyphWidth = 36;
    p.legendMaxLines = 1; // the lanes get the room
    p.barOutlineWidth = 1.5;
    return p;
}

TimelinePalette TimelinePalette::presentation(double scale)
{
    TimelinePalette p = presentation();
    if (!(scale > 1))
        return p;
    p.fontPointSize = int(std::lround(p.fontPointSize * scale));
    p.labelWidth = int(p.labelWidth * scale);
    p.laneMaxHeight = int(p.laneMaxHeight * scale);
    p.markScale *= scale;
    p.markLineWidth *= scale;
    p.lineWidth *= scale;
    p.arrowHead *= scale;
    p.glyphWidth *= scale;
    return p;
}

} // namespace proclab
