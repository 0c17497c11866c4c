#include "seriesstats.h"

#include <algorithm>
#include <cmath>

namespace proclab {

namespace {

bool whole(double v)
{
    return std::isfinite(v) && v == std::floor(v);
}

// 1, 2, 2.5 or 5 times a power of ten, the smallest that is >= `raw` (whole
// numbers never get 2.5: a bin of 2.5 whole numbers is not a bin).
double roundWidth(double raw)
{
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * decade >= raw * (1 - 1e-12))
            return m * decade;
    return 10 * decade;
}

QString number(double v)
{
    if (!whole(v) || std::abs(v) >= 1e15)
        return QString::number(v, 'g', 4);
    QString digits = QString::number(qint64(std::abs(v)));
    if (digits.size() > 4) // 10 000: groups of three, split by a thin space
        for (int i = int(digits.size()) - 3; i > 0; i -= 3)
            digits.insert(i, QChar(0x2009));
    return (v < 0 ? QStringLiteral("−") : QString()) + digits;
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
    // Wide bins of round numbers read as "10k–12k" or "2.5k–5k" (a label
    // must fit under its bar).
    const auto round = [](double v) { return std::fmod(v, 100.0) == 0; };
    if (integral && hi - lo >= 1000 && round(lo) && round(hi)) {
        const bool millions = std::fmod(lo, 1e6) == 0 && std::fmod(hi, 1e6) == 0 && hi - lo >= 1e6;
        const double unit = millions ? 1e6 : 1e3;
        const QString suffix = millions ? QStringLiteral("M") : QStringLiteral("k");
        return QStringLiteral("%1–%2%3")
            .arg(lo == 0 ? QStringLiteral("0") : number(lo / unit) + suffix, number(hi / unit),
                 suffix);
    }
    if (integral)
        return QStringLiteral("%1–%2").arg(number(lo), number(hi - 1));
    return QStringLiteral("%1–%2").arg(number(lo), number(hi));
}

namespace Histogram {

QVector<HistogramBin> bins(const QVector<double> &values, int maxBins, int maxSingles)
{
    QVector<HistogramBin> out;
    maxBins = std::max(1, maxBins);
    maxSingles = maxSingles < 1 ? maxBins : maxSingles;
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
        // Small counts start at 0: "10 of 10 buyers got the one ticket" reads
        // against the 1 that was right.
        if (lo > 0 && hi < maxSingles)
            lo = 0;
        const double span = hi - lo + 1; // whole numbers lo .. hi
        double width = span <= maxSingles ? 1 : roundWidth(span / maxBins);
        if (width < 10 && width != std::floor(width))
            width = std::ceil(width);
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
