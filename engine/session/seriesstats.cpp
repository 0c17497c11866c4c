#include "seriesstats.h"

#include <algorithm>
#include <cmath>

namespace proclab {

namespace {

bool whole(double v)
{
    return std::isfinite(v) && v == std::floor(v);
}

// Whole numbers the integral bins count in 64-bit integers: every one of
// them, and every edge of their bins, is a double exactly.
bool countable(double v)
{
    return whole(v) && std::abs(v) < 4503599627370496.0; // 2^52
}

// 10^n: exact for |n| <= 22 (10^22 is the largest power of ten that is a double).
double tenTo(int n)
{
    double p = 1;
    for (int i = 0; i < std::abs(n) && std::isfinite(p); ++i)
        p *= 10;
    return p;
}

// A bin width of `units` × 10^`exponent`: 1, 2, 2.5 (25 × 10^(k-1)) or 5
// times a power of ten. Its multiples are decimals written with as many
// decimals as it has.
struct Width
{
    qint64 units = 1;
    int exponent = 0;

    double value() const
    {
        return exponent >= 0 ? double(units) * tenTo(exponent) : double(units) / tenTo(-exponent);
    }
    // The double nearest the decimal k × this width: the whole number
    // k × units scaled by a power of ten, rounded once (|k × units| <= 2^53,
    // |exponent| <= 22; past that, rounded twice). So the edge "1.2" is the
    // same double as a value 1.2.
    double edge(qint64 k) const
    {
        const double n = double(k * units);
        return exponent >= 0 ? n * tenTo(exponent) : n / tenTo(-exponent);
    }
};

// 1, 2, 2.5 or 5 times a power of ten, the smallest that is >= `raw`.
Width roundWidth(double raw)
{
    const int e = int(std::floor(std::log10(raw)));
    const double decade = std::pow(10.0, e);
    const struct
    {
        double times;
        Width width;
    } steps[] = {{1, {1, e}}, {2, {2, e}}, {2.5, {25, e - 1}}, {5, {5, e}}, {10, {1, e + 1}}};
    for (const auto &step : steps)
        if (step.times * decade >= raw * (1 - 1e-12))
            return step.width;
    return {1, e + 1};
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);
}

// Bins of width `w` from the multiple of it at or below `lo` to the first at
// or above `hi`, edge to edge (each bin's hi the next one's lo, the same
// double). Empty where doubles cannot tell the multiples apart (values far
// from zero next to their spread) or `maxBins` + 1 do not reach `hi`.
QVector<HistogramBin> decimalBins(double lo, double hi, Width w, int maxBins)
{
    const double from = std::floor(lo / w.value());
    const double exact = 9007199254740992.0 / double(w.units); // 2^53
    if (!std::isfinite(from) || std::abs(from) + maxBins + 4 >= exact)
        return {};
    // The division above may round across a multiple; the edges themselves decide.
    qint64 k = qint64(from);
    for (int i = 0; i < 3 && w.edge(k) > lo; ++i)
        --k;
    for (int i = 0; i < 3 && w.edge(k + 1) <= lo; ++i)
        ++k;
    if (w.edge(k) > lo || w.edge(k + 1) <= lo)
        return {};
    QVector<double> edges{w.edge(k)};
    while (edges.last() < hi && edges.size() <= maxBins + 1)
        edges << w.edge(k + edges.size());
    if (edges.last() < hi)
        return {};
    // Near the largest doubles an outer multiple may be past them: the
    // value itself closes the bin.
    if (!std::isfinite(edges.first()))
        edges.first() = lo;
    if (!std::isfinite(edges.last()))
        edges.last() = hi;
    QVector<HistogramBin> out;
    for (int i = 0; i + 1 < edges.size(); ++i) {
        if (!(edges[i] < edges[i + 1]))
            return {};
        out.append({edges[i], edges[i + 1], false});
    }
    return out;
}

} // namespace

QStringList OutcomeStats::plain() const
{
    const double v[] = {min, median, max};
    const auto text = [](double x, int decimals) {
        return QString::number(x, 'f', whole(x) ? 0 : decimals);
    };
    QStringList out;
    for (int decimals = 2; decimals <= 9; ++decimals) {
        out = {text(v[0], decimals), text(v[1], decimals), text(v[2], decimals)};
        bool distinct = true;
        for (int i = 0; i < 3; ++i)
            for (int j = i + 1; j < 3; ++j)
                distinct = distinct && (v[i] == v[j] || out[i] != out[j]);
        if (distinct)
            break;
    }
    return out;
}

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
        integral = integral && countable(v);
    }
    if (!any)
        return out;
    if (integral) {
        qint64 first = qint64(lo);
        const qint64 last = qint64(hi);
        // Small counts start at 0: "10 of 10 buyers got the one ticket" reads
        // against the 1 that was right.
        if (first > 0 && last < maxSingles)
            first = 0;
        const qint64 span = last - first + 1; // whole numbers first .. last
        qint64 width = 1;
        if (span > maxSingles) // a round width, whole: 0.5 and 2.5 numbers are 1 and 3
            width =
                std::max<qint64>(1, qint64(std::ceil(roundWidth(double(span) / maxBins).value())));
        for (qint64 b = floorDiv(first, width) * width; b <= last; b += width)
            out.append({double(b), double(b + width), true});
        return out;
    }
    if (hi == lo) {
        out.append({lo, hi, false});
        return out;
    }
    // Divided first: hi - lo may be past the largest double.
    const double raw = hi / maxBins - lo / maxBins;
    if (raw > 0 && std::isfinite(raw))
        out = decimalBins(lo, hi, roundWidth(raw), maxBins);
    if (out.isEmpty()) // no round edges doubles can hold: one bin, the values' own
        out.append({lo, hi, false});
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
