#pragma once
// Statistics of one measured quantity over the runs of a series: min,
// median, max (what the chart, the CLI and the CSV report) and the bins of
// its histogram. Pure arithmetic on values; no Qt objects, no runs.

#include <QString>
#include <QStringList>
#include <QVector>

namespace proclab {

struct OutcomeStats
{
    int count = 0;
    double min = 0;
    double median = 0; // the mean of the two middle values when count is even
    double max = 0;
    double mean = 0;

    static OutcomeStats of(QVector<double> values);
    // min, median and max as plain numbers (what the CLI prints, a script may
    // read them): whole ones without decimals, others with two, more while
    // two that differ would read alike (5.001, 5.003 and 5.004 are not
    // "5.00" three times).
    QStringList plain() const;
};

// One bar of a histogram: the values v with lo <= v < hi (the last bin also
// takes v == hi). Integral bins hold whole numbers lo .. hi - 1.
struct HistogramBin
{
    double lo = 0;
    double hi = 0;
    bool integral = false;

    bool contains(double v, bool last) const { return v >= lo && (v < hi || (last && v == hi)); }
    // Its label under the bar: gui/charts/binlabels.h (decimals for the
    // whole set of bins, so that no two read alike).
};

namespace Histogram {

// Bins covering every value: one per whole number when the values are whole
// and span at most `maxSingles` numbers (from 0 when they all fit from 0),
// otherwise at most `maxBins` (+ 1 where the values straddle) bins of a
// round width (1, 2, 2.5 or 5 times a power of ten). A single number's label
// is shorter than a range's, so more of them fit: `maxSingles` < 1 means
// `maxBins`. The bins lie edge to edge (one's hi is the next one's lo), so
// each finite value is in exactly one; each edge is the double nearest the
// decimal multiple of the width (1.2, not 1.2000000000000002), so a value
// 1.2 starts the bin 1.2–1.20005. Empty when `values` is.
QVector<HistogramBin> bins(const QVector<double> &values, int maxBins = 16, int maxSingles = 0);
// The bin holding `v`, or -1.
int binOf(const QVector<HistogramBin> &bins, double v);
// How many values fall in each bin.
QVector<int> counts(const QVector<HistogramBin> &bins, const QVector<double> &values);

} // namespace Histogram

} // namespace proclab
