// SPDX-License-Identifier: MIT
#pragma once
// A paint device that keeps no pixels, only where text went: every piece of
// text any painter draws on it (QPainter::drawText in any form, elided or
// not) is recorded as its box in device pixels (ascent to descent, advance
// wide, mapped by the painter's transform and cut by its clip) with the text
// itself. Layout tests paint a view on it and look for boxes that intersect.
// Nothing has to report to it: the timeline painter's lane-end labels and
// markers are recorded exactly as the legend, axis, title and lane names are.

#include <QImage>
#include <QPaintDevice>
#include <QRectF>
#include <QString>
#include <QVector>
#include <memory>

class QPaintEngine;

namespace proclab::test {

struct TextBox
{
    QRectF rect;
    QString text;
    QRectF whole = {}; // the box before the painter's clip cut it (== rect when it did not)
    // Cut at its ends by a clip (drawText(rect, ...) clips what is wider).
    bool isCut(double slack = 0.5) const { return whole.width() > rect.width() + slack; }
    bool operator==(const TextBox &) const = default;
};

// "'text' (x,y wxh)", for failure messages.
QString describe(const TextBox &b);

class TextBoxRecorder : public QPaintDevice
{
public:
    explicit TextBoxRecorder(QSize size);
    ~TextBoxRecorder() override;

    QPaintEngine *paintEngine() const override;
    const QVector<TextBox> &boxes() const { return m_boxes; }
    // Boxes whose centre lies in `area`.
    QVector<TextBox> boxesIn(const QRectF &area) const;

    // Text pieces of one drawText (a run per font, say Latin then CJK) meet
    // at their ends: boxes overlapping by less than `slack` px do not count.
    static bool intersect(const TextBox &a, const TextBox &b, double slack = 0.5);

protected:
    int metric(PaintDeviceMetric metric) const override;

private:
    friend class TextBoxEngine;
    QImage m_like; // answers the metrics (size, DPI) as the image it stands for
    QVector<TextBox> m_boxes;
    std::unique_ptr<QPaintEngine> m_engine;
};

} // namespace proclab::test
