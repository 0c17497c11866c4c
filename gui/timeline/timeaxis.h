#pragma once
// Tick positions and labels for a time window: "nice" steps (1, 2, 5 × 10^k)
// never closer than 50 px, giving 5 to 10 labels across a window of 500 px
// or more (fewer on a narrower one), as near to `targetPixels` apart as that
// allows, labelled in s, ms or µs to suit the span.

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
    static double stepFor(const TimelineMapping &m, double targetPixels = 110);
    // Multiples of `stepUs` in [startUs, endUs].
    static int tickCount(double startUs, double endUs, double stepUs);
    static QString formatTime(double us, double stepUs);
    static QString formatDuration(double us);
};

} // namespace proclab
