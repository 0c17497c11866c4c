#include "seriesstats.h"

#include <algorithm>
#include <cmath>

namespace proclab {

namespace {

bool whole(double v)
{
    return std::isfinite(v) && v == std::floor(v);
}

// 1, 2 or 5 times a power of ten, the smallest that is >= `raw`.
double roundWidth(double raw)
{
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * decade >= raw * (1 - 1e-12))
            return m * decade;
    return 10 * decade;
}

QString number(double v)
{
    if (whole(v) && std::abs(v) < 1e15)
        return QString::number(qint64(v));
    return QString::number(v, 'g', 4);
}

} // namespace

OutcomeStats OutcomeStats::of(QVector<double> values)
{
    OutcomeStats s;
    values.erase(std::remove_if(values.begin(), values.end(),
                                [](double v) { return !std::isfinite(v); }),
                 values.end());
    s.count = int(values.size());
    if (values.isEmpty())
        return s;
    std::sort(values.begin(), values.end());
    s.min = values.front();
    s.max = values.back();
    const qsizetype mid = values.size() / 2;
    s.median = values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    double sum = 0;
    for (double v : values)
        sum += v;
    s.mean = sum / double(values.size());
    return s;
}

QString HistogramBin::label() const
{
    if (integral && hi - lo <= 1)
        return number(lo);
    if (integral)
        return QStringLiteral("%1–%2").arg(number(lo), number(hi - 1));
    return QStringLiteral("%1–%2").arg(number(lo), number(hi));
}

namespace Histogram {

QVector<HistogramBin> bins(const QVector<double> &values, int maxBins)
{
    QVector<HistogramBin> out;
    maxBins = std::max(1, maxBins);
    double lo = 0, hi = 0;
    bool any = false, integral = true;
    for (double v : values) {
        if (!std::isfinite(v))
            continue;
        lo = any ? std::min(lo, v) : v;
        hi = any ? std::max(hi, v) : v;
        any = true;
        integral = integral && whole(v);
    }
    if (!any)
        return out;
    if (integral) {
        const double span = hi - lo + 1; // whole numbers lo .. hi
        const double width = span <= maxBins ? 1 : roundWidth(span / maxBins);
        const double start = std::floor(lo / width) * width;
        for (double b = start; b <= hi; b += width)
            out.append({b, b + width, true});
        return out;
    }
    if (hi == lo) {
        out.append({lo, hi, false});
        return out;
    }
    const double width = roundWidth((hi - lo) / maxBins);
    const double start = std::floor(lo / width) * width;
    const int n = std::max(1, int(std::ceil((hi - start) / width - 1e-9)));
    for (int i = 0; i < n; ++i)
        out.append({start + i * width, start + (i + 1) * width, false});
    // A value exactly on the top edge belongs to the last bin (contains(..., last)).
    return out;
}

int binOf(const QVector<HistogramBin> &bins, double v)
{
    for (int i = 0; i < bins.size(); ++i)
        if (bins[i].contains(v, i == bins.size() - 1))
            return i;
    return -1;
}

QVector<int> counts(const QVector<HistogramBin> &bins, const QVector<double> &values)
{
    QVector<int> out(bins.size(), 0);
    for (double v : values)
        if (const int b = binOf(bins, v); b >= 0)
            ++out[b];
    return out;
}

} // namespace Histogram

} // namespace proclab
