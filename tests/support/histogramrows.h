// SPDX-License-Identifier: MIT
#pragma once
// The values the histogram tests share (tst_seriesstats for the bins,
// tst_distribution for the chart drawn from them), as runs give them: narrow
// ranges, whole numbers, one value alike, large numbers a few apart. Each
// test adds a "values" column (QVector<double>) and then its own rows.

#include <QTest>
#include <QVector>

namespace proclab::test {

// n values from `from`, `step` apart, in a shuffled order (stride coprime to n).
inline QVector<double> spread(double from, double step, int n, int stride = 7)
{
    QVector<double> v;
    for (int i = 0; i < n; ++i)
        v << from + step * ((i * stride) % n);
    return v;
}

inline void addHistogramValueRows()
{
    QTest::newRow("narrow: 1.2001 to 1.2004") << spread(1.2001, 0.00001, 31);
    QTest::newRow("narrow: 1.20000 to 1.20018") << spread(1.2, 0.00001, 19);
    QTest::newRow("two close values: 1.2 and 1.2001") << QVector<double>{1.2, 1.2, 1.2001};
    QTest::newRow("run times: 2.16 to 6.69 ms") << spread(2.16, 0.151, 31);
    QTest::newRow("across zero: -0.0003 to 0.0002") << spread(-0.0003, 0.00001, 51);
    QTest::newRow("integers 0 to 30") << spread(0, 1, 31);
    QTest::newRow("integers 0 to 30 000") << spread(0, 97, 310);
    QTest::newRow("integers 1 234 564 to 1 234 570") << spread(1234564, 1, 7, 3);
    QTest::newRow("integers 1 232 000 to 1 268 000") << spread(1232000, 1000, 37);
    QTest::newRow("1 234 567.1 to 1 234 567.9") << spread(1234567.1, 0.8 / 29, 30);
    QTest::newRow("1 234 567 ± 3.5") << spread(1234563.5, 0.25, 29);
    QTest::newRow("one value: 1.25") << QVector<double>(10, 1.25);
    QTest::newRow("one value: 7") << QVector<double>(5, 7);
    QTest::newRow("one value: 1 234 567.25") << QVector<double>(4, 1234567.25);
}

} // namespace proclab::test
