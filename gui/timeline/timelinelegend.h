// SPDX-License-Identifier: MIT
#pragma once
// The timeline's legend, compact enough for one line on a projector: only the
// entries this run shows (LegendFeatures), short names beside small swatches,
// at most `palette.legendMaxLines` lines. What does not fit is counted in a
// "+N" chip; the full legend (long names) is the tooltip of the whole strip.

#include "eventstyle.h"
#include "timelinelayout.h"
#include "timelinepalette.h"

#include <QColor>
#include <QCoreApplication>
#include <QRectF>
#include <QString>
#include <QVector>

class QFontMetricsF;
class QPainter;

namespace proclab {

class TimelineLegend
{
    Q_DECLARE_TR_FUNCTIONS(TimelineLegend)

public:
    using Glyph = LegendGlyph; // eventstyle.h

    struct Item
    {
        QString name; // short, drawn
        QString full; // long, in the tooltip
        Glyph glyph;
        QColor color;
    };

    // Where an item went: its glyph box and text, line 0 or 1.
    struct Placed
    {
        Item item;
        double x = 0; // left of the glyph, relative to the strip
        int line = 0;
    };

    explicit TimelineLegend(const TimelinePalette &palette) : m_palette(palette) {}

    // Everything this run needs, most important first.
    QVector<Item> items(LegendFeatures features) const;
    // What is drawn in `width`: every item that fits in legendMaxLines lines,
    // then a "+N" chip when some did not.
    QVector<Placed> place(LegendFeatures features, double width, const QFontMetricsF &fm) const;
    // How many lines the strip takes at `width` (1 or 2).
    static int lines(const TimelinePalette &palette, double width, LegendFeatures features);
    // Rich-text tooltip: every entry of this run with its full name.
    QString tooltip(LegendFeatures features) const;

    void paint(QPainter &p, const QRectF &strip, LegendFeatures features) const;

private:
    double glyphSpace(const Item &it) const;
    void paintGlyph(QPainter &p, const Item &it, const QRectF &box) const;

    const TimelinePalette &m_palette;
};

} // namespace proclab
