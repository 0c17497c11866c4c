#pragma once
// Tick positions and labels for a time window: "nice" steps (1, 2, 5 × 10^k)
// about `targetPixels` apart, labelled in s, ms or µs to suit the span.

#include "timelinemapping.h"

#include <QString>
#include <QVector>

class QPainter;
class QRectF;

namespace proclab {

struct TimeTick
{
    double us;
    QString label;
};

class TimeAxis
{
public:
    static double niceStep(double roughUs);
    static QVector<TimeTick> ticks(const TimelineMapping &m, double targetPixels = 110);
    static QString formatTime(double us, double stepUs);
    static QString formatDuration(double us);
};

} // namespace proclab
