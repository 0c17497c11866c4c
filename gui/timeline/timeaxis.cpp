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

QVector<TimeTick> TimeAxis::ticks(const TimelineMapping &m, double targetPixels)
{
    QVector<TimeTick> out;
    const double step = niceStep(targetPixels * m.usPerPixel());
    const double first = std::ceil(m.start() / step) * step;
    for (double t = first; t <= m.end() && out.size() < 200; t += step)
        out.push_back({t, formatTime(std::abs(t) < step / 2 ? 0 : t, step)});
    return out;
}

} // namespace proclab
