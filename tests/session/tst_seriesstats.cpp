// Histogram::bins and OutcomeStats on plain values (no runs): every finite
// value counted exactly once, in the bin whose [lo, hi) holds it (the last
// bin also takes its hi); the bins in order, edge to edge, none over another;
// each edge exactly the decimal its label writes (1.2, not 1.2000000000000002,
// so that a value 1.2 opens the bin "1.2–1.20005" and does not close
// "1.19995–1.2"), for the values runs give: narrow ranges, whole numbers, one
// value alike, 1 234 567 ± a few, negative values, huge ranges; at every
// number of bins the Distribution chart asks for.
#include "histogramrows.h"
#include "seriesstats.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace proclab;
using namespace proclab::test;

namespace {

// The fewest decimals that write `width` (1, 2, 2.5 or 5 times a power of
// ten) exactly.
int decimalsOf(double width)
{
    for (int d = 0; d < 20; ++d) {
        const double scaled = width * std::pow(10.0, d);
        if (scaled >= 0.5 && std::abs(scaled - std::round(scaled)) < 1e-6 * scaled)
            return d;
    }
    return 20;
}

// A bin of a round width: 1, 2, 2.5 or 5 times a power of ten (whole
// numbers: also 3), but for the rounding of its edges to doubles.
bool roundWidth(const HistogramBin &b)
{
    const double width = b.hi - b.lo;
    const double far = std::max(std::abs(b.lo), std::abs(b.hi));
    const double ulp = std::nextafter(far, std::numeric_limits<double>::infinity()) - far;
    const double decade = std::pow(10.0, std::floor(std::log10(width)));
    for (double m : {1.0, 2.0, 2.5, 3.0, 5.0, 10.0})
        if (std::abs(width - m * decade) <= 2 * ulp + 1e-12 * m * decade)
            return true;
    return false;
}

QString describe(const QVector<HistogramBin> &bins)
{
    QStringList out;
    for (const HistogramBin &b : bins)
        out << QStringLiteral("[%1, %2%3")
                   .arg(b.lo, 0, 'g', 17)
                   .arg(b.hi, 0, 'g', 17)
                   .arg(b.integral ? QStringLiteral(") whole") : QStringLiteral(")"));
    return out.join(QStringLiteral(" "));
}

} // namespace

class TestSeriesStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void binsHoldEveryValueOnce_data()
    {
        QTest::addColumn<QVector<double>>("values");
        // The rows tst_distribution draws too (tests/support/histogramrows.h).
        addHistogramValueRows();
        // Values written as decimals, many of them on the edges of bins.
        QTest::newRow("decimals: 1.19 to 1.21 by 0.0001")
            << QVector<double>{1.19,   1.1925, 1.195,  1.1975, 1.2,     1.20005, 1.2001,
                               1.2025, 1.205,  1.2075, 1.21,   1.19995, 1.2,     1.2};
        QTest::newRow("decimals: 0.1 to 0.7") << QVector<double>{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7};
        QTest::newRow("decimals: -0.3 to 0.2")
            << QVector<double>{-0.3, -0.25, -0.2, -0.15, -0.1, -0.05, 0, 0.05, 0.1, 0.15, 0.2};
        // Negative values.
        QTest::newRow("negative: -5.5 to -1.25") << spread(-5.5, 0.125, 35);
        QTest::newRow("negative integers -40 to -3") << spread(-40, 1, 38);
        QTest::newRow("negative: -1 234 567.9 to -1 234 567.1") << spread(-1234567.9, 0.8 / 29, 30);
        // Huge ranges.
        QTest::newRow("huge: 0.001 to 3e12")
            << QVector<double>{0.001, 0.5, 17.25, 4e6 + 0.5, 2.9e11, 3e12};
        QTest::newRow("huge: -7e11 to 5e11")
            << QVector<double>{-7e11 - 0.5, -3.3, 0.25, 1e9 + 0.1, 5e11};
        QTest::newRow("huge integers: 0 to 9e15") << QVector<double>{0, 1, 12345, 4e12, 9e15};
        QTest::newRow("whole numbers past 2^53")
            << QVector<double>{1e17, 1e17 + 16384, 1e17 + 163840};
        // Whole numbers 2 ulps apart: bins of 5000 never got past the first (b += 5000 == b).
        QTest::newRow("whole numbers near 1e20, 32 768 apart")
            << QVector<double>{1e20, 1e20 + 32768};
        QTest::newRow("extremes: ±1.5e308") << QVector<double>{-1.5e308, 0, 1e300, 1.5e308};
        QTest::newRow("tiny: 1e-12 to 3e-12") << spread(1e-12, 1e-14, 201);
        QTest::newRow("not finite values are left out")
            << QVector<double>{1.5, std::numeric_limits<double>::quiet_NaN(), 2.75,
                               std::numeric_limits<double>::infinity(), 3.0};
    }
    void binsHoldEveryValueOnce()
    {
        QFETCH(QVector<double>, values);
        int finite = 0;
        for (double v : values)
            finite += std::isfinite(v) ? 1 : 0;
        // As the chart asks: 4 to 16 bins, one per whole number for up to 4 to 30.
        for (int maxBins = 4; maxBins <= 16; ++maxBins) {
            for (int maxSingles : {0, 4, 9, 30}) {
                const QVector<HistogramBin> bins = Histogram::bins(values, maxBins, maxSingles);
                const QString at = QStringLiteral("%1 bins, %2 singles: %3")
                                       .arg(maxBins)
                                       .arg(maxSingles)
                                       .arg(describe(bins));
                QVERIFY2(!bins.isEmpty(), qPrintable(at));
                QVERIFY2(bins.size() <= std::max(maxBins, maxSingles) + 1, qPrintable(at));
                // In order, edge to edge: a value is in one bin or none.
                for (int i = 0; i < bins.size(); ++i) {
                    QVERIFY2(std::isfinite(bins[i].lo) && std::isfinite(bins[i].hi),
                             qPrintable(at));
                    QVERIFY2(bins[i].lo < bins[i].hi || bins.size() == 1, qPrintable(at));
                    if (i > 0)
                        QVERIFY2(bins[i - 1].hi == bins[i].lo, qPrintable(at));
                }
                // Every value in exactly one bin, and in that bin's edges.
                int counted = 0;
                for (int c : Histogram::counts(bins, values))
                    counted += c;
                QVERIFY2(
                    counted == finite,
                    qPrintable(
                        QStringLiteral("%1 of %2 counted; %3").arg(counted).arg(finite).arg(at)));
                for (double v : values) {
                    if (!std::isfinite(v)) {
                        QCOMPARE(Histogram::binOf(bins, v), -1);
                        continue;
                    }
                    int holding = 0;
                    for (int i = 0; i < bins.size(); ++i)
                        holding += bins[i].contains(v, i == bins.size() - 1) ? 1 : 0;
                    const int b = Histogram::binOf(bins, v);
                    const QString which =
                        QStringLiteral("%1 in bin %2 of %3").arg(v, 0, 'g', 17).arg(b).arg(at);
                    QVERIFY2(holding == 1 && b >= 0, qPrintable(which));
                    const bool last = b == bins.size() - 1;
                    QVERIFY2(v >= bins[b].lo && (v < bins[b].hi || (last && v == bins[b].hi)),
                             qPrintable(which));
                    if (bins[b].integral)
                        QVERIFY2(v <= bins[b].hi - 1, qPrintable(which));
                }
                // Round widths, and edges that are the decimals their labels
                // write: written with the width's decimals and read back,
                // the same number.
                if (bins.size() == 1 && bins[0].lo == bins[0].hi)
                    continue;
                if (std::abs(bins.first().lo) > 1e300 || std::abs(bins.last().hi) > 1e300)
                    continue; // ±1.5e308: the outer edges may be the values themselves
                const double width = bins[0].hi - bins[0].lo;
                const int decimals = decimalsOf(width);
                for (const HistogramBin &b : bins) {
                    if (b.integral)
                        QVERIFY2(b.lo == std::floor(b.lo) && b.hi == std::floor(b.hi),
                                 qPrintable(at));
                    QVERIFY2(roundWidth(b), qPrintable(at));
                    for (double edge : {b.lo, b.hi})
                        QVERIFY2(QString::number(edge, 'f', decimals).toDouble() == edge,
                                 qPrintable(QStringLiteral("edge %1 is not %2; %3")
                                                .arg(edge, 0, 'g', 17)
                                                .arg(QString::number(edge, 'f', decimals), at)));
                }
            }
        }
    }

    void statsOfValues()
    {
        const OutcomeStats s =
            OutcomeStats::of({3, std::numeric_limits<double>::quiet_NaN(), 1, 2, 10});
        QCOMPARE(s.count, 4);
        QCOMPARE(s.min, 1.0);
        QCOMPARE(s.median, 2.5);
        QCOMPARE(s.max, 10.0);
        QCOMPARE(s.mean, 4.0);
        QCOMPARE(OutcomeStats::of({}).count, 0);
        QVERIFY(Histogram::bins({}).isEmpty());
    }

    // What proclab-run's --repeat table prints: plain, and min / median / max
    // never read alike unless they are equal.
    void plainNumbersStayApart_data()
    {
        QTest::addColumn<QVector<double>>("values");
        QTest::addColumn<QStringList>("shown");
        QTest::newRow("whole") << QVector<double>{7083, 23476, 27840}
                               << QStringList{"7083", "23476", "27840"};
        QTest::newRow("an even count's median") << QVector<double>{1, 2, 3, 4}
                                                << QStringList{"1", "2.50", "4"};
        QTest::newRow("run times") << QVector<double>{8.61, 10.034, 13.4}
                                   << QStringList{"8.61", "10.03", "13.40"};
        QTest::newRow("a narrow range") << QVector<double>{5.001, 5.003, 5.004}
                                        << QStringList{"5.001", "5.003", "5.004"};
        QTest::newRow("narrower") << QVector<double>{0.1234561, 0.1234562, 0.1234563}
                                  << QStringList{"0.1234561", "0.1234562", "0.1234563"};
        QTest::newRow("all equal") << QVector<double>{2.5, 2.5} << QStringList{"2.50", "2.50", "2.50"};
    }
    void plainNumbersStayApart()
    {
        QFETCH(QVector<double>, values);
        QFETCH(QStringList, shown);
        QCOMPARE(OutcomeStats::of(values).plain(), shown);
    }
};

QTEST_GUILESS_MAIN(TestSeriesStats)
#include "tst_seriesstats.moc"
