#include "timeaxis.h"

#include <cmath>

namespace proclab {

double TimeAxis::niceStep(double roughUs)
{
    if (!(roughUs > 0))
        return 1;
    const double mag = std::pow(10.0, std::floor(std::log10(roughUs)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * mag >= roughUs)
            return m * mag;
    return 10 * mag;
}

QString TimeAxis::formatTime(double us, double stepUs)
{
    if (stepUs >= 100'000) {
        const int decimals = stepUs >= 1'000'000 ? 0 : 1;
        return QString::number(us / 1e6, 'f', decimals) + QStringLiteral(" s");
    }
    if (stepUs >= 100) {
        const int decimals = stepUs >= 1000 ? 0 : 1;
        return QString::number(us / 1e3, 'f', decimals) + QStringLiteral(" ms");
    }
    return QString::number(us, 'f', 0) + QStringLiteral(" µs");
}

QString TimeAxis::formatDuration(double us)
{
    if (us >= 1e6)
        return QString::number(us / 1e6, 'f', us >= 1e7 ? 1 : 2) + QStringLiteral(" s");
    if (us >= 1e3)
        return QString::number(us / 1e3, 'f', us >= 1e4 ? 0 : 1) + QStringLiteral(" ms");
    return QString::number(us, 'f', 0) + QStringLiteral(" µs");
}

int TimeAxis::tickCount(double startUs, double endUs, double stepUs)
{
    if (!(stepUs > 0) || endUs < startUs)
        return 0;
    return int(std::floor(endUs / stepUs + 1e-9) - std::ceil(startUs / stepUs - 1e-9)) + 1;
}

double TimeAxis::stepFor(const TimelineMapping &m, double targetPixels)
{
    // 1-2-5 steps, smallest first; the labels: never closer than
    // kMinLabelPixels (a label is up to ~45 px wide), then 5 to 10 across the
    // width (always possible from 500 px on), as close to `targetPixels`
    // apart as that allows.
    constexpr double kMinLabelPixels = 50;
    const double span = m.span();
    const double smallest = niceStep(span / 12);
    double best = 0, bestMiss = 1e300;
    for (double step = smallest, i = 0; i < 8; ++i, step = niceStep(step * 1.5)) {
        const int n = tickCount(m.start(), m.end(), step);
        const double px = step / m.usPerPixel();
        // Out of 5-10 counts for much more than a spacing far from the target.
        const double miss = (px < kMinLabelPixels ? 1e9 : 0) +
                            (n < 5 ? (5 - n) * 1e6 : n > 10 ? (n - 10) * 1e6 : 0) +
                            std::abs(std::log(px / targetPixels));
        if (miss < bestMiss) {
            bestMiss = miss;
            best = step;
        }
    }
    return best > 0 ? best : niceStep(targetPixels * m.usPerPixel());
}

QVector<TimeTick> TimeAxis::ticks(const TimelineMapping &m, double targetPixels)
{
    QVector<TimeTick> out;
    const double step = stepFor(m, targetPixels);
    const double first = std::ceil(m.start() / step - 1e-9) * step;
    for (int i = 0; out.size() < 200; ++i) {
        const double t = first + i * step; // no accumulated error: 0.3 s stays 0.3 s
        if (t > m.end() + step * 1e-9)
            break;
        out.push_back({t, formatTime(std::abs(t) < step / 2 ? 0 : t, step)});
    }
    return out;
}

} // namespace proclab
