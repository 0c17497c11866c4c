#pragma once
// Small drawing helpers shared by the timeline's painter files.

#include <QLineF>
#include <QPainter>
#include <QPolygonF>
#include <algorithm>

namespace proclab {

inline void drawHatched(QPainter &p, const QRectF &r, const QColor &c, double outline = 1)
{
    p.fillRect(r, c.lighter(135));
    QBrush hatch(c.darker(130), Qt::BDiagPattern);
    p.fillRect(r, hatch);
    p.setPen(QPen(c.darker(140), std::max(1.0, outline)));
    p.drawRect(r);
}

inline void drawArrowHead(QPainter &p, QPointF tip, QPointF from, double size)
{
    QLineF line(tip, from);
    line.setLength(size);
    QLineF left = line, right = line;
    left.setAngle(line.angle() + 25);
    right.setAngle(line.angle() - 25);
    QPolygonF head{tip, left.p2(), right.p2()};
    p.drawPolygon(head);
}

} // namespace proclab
