// TimelineMapping (time <-> pixel, zoom, pan) and TimeAxis (steps, ticks,
// labels): the arithmetic under the timeline, tested without any widget.
#include "timeaxis.h"
#include "timelinemapping.h"

#include <QTest>
#include <cmath>

using namespace proclab;

namespace {

// Pixels are doubles here; "the same place" means within a thousandth of a pixel.
constexpr double kPixelTolerance = 1e-3;

bool approx(double a, double b, double tolerance)
{
    return std::abs(a - b) <= tolerance;
}

QString describe(const TimelineMapping &m)
{
    return QStringLiteral("[%1 µs, %2 µs] over [%3 px, %4 px]")
        .arg(m.start(), 0, 'f', 3)
        .arg(m.end(), 0, 'f', 3)
        .arg(m.left())
        .arg(m.right());
}

} // namespace

class TestTimelineMapping : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<double>("start");
        QTest::addColumn<double>("end");
        QTest::addColumn<double>("left");
        QTest::addColumn<double>("right");
        QTest::addColumn<double>("us");
        QTest::addColumn<double>("expectedX");

        QTest::newRow("window start at left edge") << 0.0 << 1e6 << 0.0 << 1000.0 << 0.0 << 0.0;
        QTest::newRow("window end at right edge") << 0.0 << 1e6 << 0.0 << 1000.0 << 1e6 << 1000.0;
        QTest::newRow("middle of a 1 s window") << 0.0 << 1e6 << 0.0 << 1000.0 << 5e5 << 500.0;
        QTest::newRow("lanes right of the names column")
            << 0.0 << 2e6 << 214.0 << 1210.0 << 1e6 << 712.0;
        QTest::newRow("window that does not start at zero")
            << 2e6 << 3e6 << 100.0 << 1100.0 << 2.25e6 << 350.0;
        QTest::newRow("time before the window is left of it")
            << 1e6 << 2e6 << 0.0 << 1000.0 << 5e5 << -500.0;
        QTest::newRow("time after the window is right of it")
            << 0.0 << 1e3 << 0.0 << 1000.0 << 2e3 << 2000.0;
        QTest::newRow("deepest zoom, 10 µs") << 40.0 << 50.0 << 0.0 << 1000.0 << 45.0 << 500.0;
    }
    void roundTrip()
    {
        QFETCH(double, start);
        QFETCH(double, end);
        QFETCH(double, left);
        QFETCH(double, right);
        QFETCH(double, us);
        QFETCH(double, expectedX);
        const TimelineMapping m(start, end, left, right);
        const double x = m.toX(us);
        QVERIFY2(approx(x, expectedX, kPixelTolerance),
                 qPrintable(QStringLiteral("toX(%1) = %2 in %3").arg(us).arg(x).arg(describe(m))));
        QVERIFY2(approx(m.toTime(x), us, kPixelTolerance * m.usPerPixel()),
                 qPrintable(QStringLiteral("toTime(toX(%1)) = %2").arg(us).arg(m.toTime(x))));
        QVERIFY(approx(m.usPerPixel(), (end - start) / (right - left), 1e-9 * m.usPerPixel()));
    }

    void constructorKeepsAUsableWindow_data()
    {
        QTest::addColumn<double>("start");
        QTest::addColumn<double>("end");
        QTest::addColumn<double>("left");
        QTest::addColumn<double>("right");
        QTest::addColumn<double>("expectedSpan");
        QTest::addColumn<double>("expectedWidth");
        QTest::newRow("end before start: minimum span")
            << 500.0 << 100.0 << 0.0 << 100.0 << 10.0 << 100.0;
        QTest::newRow("empty window: minimum span") << 0.0 << 0.0 << 0.0 << 100.0 << 10.0 << 100.0;
        QTest::newRow("zero-width widget: one pixel") << 0.0 << 1e6 << 50.0 << 20.0 << 1e6 << 1.0;
        QTest::newRow("ordinary window unchanged") << 0.0 << 1e6 << 0.0 << 800.0 << 1e6 << 800.0;
    }
    void constructorKeepsAUsableWindow()
    {
        QFETCH(double, start);
        QFETCH(double, end);
        QFETCH(double, left);
        QFETCH(double, right);
        QFETCH(double, expectedSpan);
        QFETCH(double, expectedWidth);
        const TimelineMapping m(start, end, left, right);
        QCOMPARE(m.span(), expectedSpan);
        QCOMPARE(m.width(), expectedWidth);
        QVERIFY(std::isfinite(m.toX(start + 1)));
        QVERIFY(std::isfinite(m.toTime(left + 1)));
    }

    void zoomKeepsAnchorTimeUnderAnchorPixel_data()
    {
        QTest::addColumn<double>("factor");
        QTest::addColumn<double>("anchorX");
        QTest::newRow("zoom in at the centre") << 2.0 << 500.0;
        QTest::newRow("zoom in at the left edge") << 1.25 << 0.0;
        QTest::newRow("zoom in at the right edge") << 1.25 << 1000.0;
        QTest::newRow("zoom in near the start") << 8.0 << 37.0;
        QTest::newRow("zoom out at a quarter") << 0.8 << 250.0;
        QTest::newRow("zoom out far") << 1.0 / 16 << 900.0;
        QTest::newRow("one wheel notch (1.25) off-centre") << 1.25 << 613.5;
    }
    void zoomKeepsAnchorTimeUnderAnchorPixel()
    {
        QFETCH(double, factor);
        QFETCH(double, anchorX);
        const TimelineMapping m(1e6, 3e6, 0, 1000);
        const double anchorTime = m.toTime(anchorX);
        const TimelineMapping z = m.zoomed(factor, anchorX);
        QVERIFY2(approx(z.toX(anchorTime), anchorX, kPixelTolerance),
                 qPrintable(QStringLiteral("anchor time %1 moved to x %2 in %3")
                                .arg(anchorTime)
                                .arg(z.toX(anchorTime))
                                .arg(describe(z))));
        QVERIFY(approx(z.span(), m.span() / factor, 1e-9 * m.span()));
        // Zoom changes time only: the pixels stay where the widget put them.
        QCOMPARE(z.left(), m.left());
        QCOMPARE(z.right(), m.right());
    }

    void zoomInThenOutRestoresTheWindow()
    {
        const TimelineMapping m(0, 2e6, 214, 1210);
        const TimelineMapping back = m.zoomed(1.25, 640).zoomed(1 / 1.25, 640);
        QVERIFY2(approx(back.start(), m.start(), 1e-6) && approx(back.end(), m.end(), 1e-6),
                 qPrintable(describe(back)));
    }

    void zoomClampsAtMinimumSpan_data()
    {
        QTest::addColumn<double>("startSpan");
        QTest::addColumn<double>("factor");
        QTest::addColumn<int>("repeats");
        QTest::newRow("one huge zoom from a second") << 1e6 << 1e9 << 1;
        QTest::newRow("many wheel notches from a second") << 1e6 << 1.25 << 200;
        QTest::newRow("zoom in when already deepest") << TimelineMapping::kMinSpanUs << 2.0 << 1;
        QTest::newRow("just past the limit") << 11.0 << 1.2 << 1;
    }
    void zoomClampsAtMinimumSpan()
    {
        QFETCH(double, startSpan);
        QFETCH(double, factor);
        QFETCH(int, repeats);
        TimelineMapping m(5000, 5000 + startSpan, 0, 1000);
        const double anchorX = 400;
        const double anchorTime = m.toTime(anchorX);
        for (int i = 0; i < repeats; ++i)
            m = m.zoomed(factor, anchorX);
        QCOMPARE(m.span(), TimelineMapping::kMinSpanUs);
        // Clamped, the anchor still stays put.
        QVERIFY2(approx(m.toX(anchorTime), anchorX, kPixelTolerance), qPrintable(describe(m)));
    }

    void panMovesByPixelsTimesUsPerPixel_data()
    {
        QTest::addColumn<double>("start");
        QTest::addColumn<double>("end");
        QTest::addColumn<double>("dx");
        QTest::addColumn<double>("expectedStart");
        QTest::newRow("drag right shows earlier times") << 1e6 << 2e6 << 100.0 << 9e5;
        QTest::newRow("drag left shows later times") << 1e6 << 2e6 << -250.0 << 1.25e6;
        QTest::newRow("drag past zero") << 0.0 << 1e6 << 50.0 << -5e4;
        QTest::newRow("no drag, no move") << 1e6 << 2e6 << 0.0 << 1e6;
        QTest::newRow("sub-pixel drag when zoomed deep") << 100.0 << 110.0 << 0.5 << 99.995;
    }
    void panMovesByPixelsTimesUsPerPixel()
    {
        QFETCH(double, start);
        QFETCH(double, end);
        QFETCH(double, dx);
        QFETCH(double, expectedStart);
        const TimelineMapping m(start, end, 0, 1000);
        const TimelineMapping p = m.panned(dx);
        QVERIFY2(approx(p.start(), expectedStart, 1e-6), qPrintable(describe(p)));
        QVERIFY(approx(p.start() - m.start(), -dx * m.usPerPixel(), 1e-6));
        QVERIFY(approx(p.span(), m.span(), 1e-6));
        // What was under pixel x is now under pixel x + dx.
        QVERIFY(approx(p.toX(m.toTime(300)), 300 + dx, kPixelTolerance));
    }

    void withPixelsKeepsTheTimeWindow_data()
    {
        QTest::addColumn<double>("left");
        QTest::addColumn<double>("right");
        QTest::newRow("wider widget") << 214.0 << 2490.0;
        QTest::newRow("narrower widget") << 214.0 << 500.0;
        QTest::newRow("export at an offset") << 1000.0 << 3000.0;
        QTest::newRow("collapsed widget") << 214.0 << 100.0;
    }
    void withPixelsKeepsTheTimeWindow()
    {
        QFETCH(double, left);
        QFETCH(double, right);
        const TimelineMapping m(1.5e6, 4e6, 214, 1210);
        const TimelineMapping w = m.withPixels(left, right);
        QCOMPARE(w.start(), m.start());
        QCOMPARE(w.end(), m.end());
        QCOMPARE(w.left(), left);
        QCOMPARE(w.right(), std::max(right, left + 1));
        QVERIFY(approx(w.toX(m.start()), left, kPixelTolerance));
        QVERIFY(approx(w.toTime(w.right()), m.end(), 1e-6));
    }

    // ---- TimeAxis -------------------------------------------------------

    void niceStep_data()
    {
        QTest::addColumn<double>("rough");
        QTest::addColumn<double>("expected");
        QTest::newRow("0.7 rounds up to 1") << 0.7 << 1.0;
        QTest::newRow("1.3 rounds up to 2") << 1.3 << 2.0;
        QTest::newRow("3 rounds up to 5") << 3.0 << 5.0;
        QTest::newRow("7 rounds up to 10") << 7.0 << 10.0;
        QTest::newRow("130 rounds up to 200") << 130.0 << 200.0;
        QTest::newRow("exact 1 stays") << 1.0 << 1.0;
        QTest::newRow("exact 500 stays") << 500.0 << 500.0;
        QTest::newRow("110 ms of pixels: 200 ms") << 110'000.0 << 200'000.0;
        QTest::newRow("2.2 s: 5 s") << 2.2e6 << 5e6;
        QTest::newRow("zero falls back to 1") << 0.0 << 1.0;
        QTest::newRow("negative falls back to 1") << -5.0 << 1.0;
    }
    void niceStep()
    {
        QFETCH(double, rough);
        QFETCH(double, expected);
        QCOMPARE(TimeAxis::niceStep(rough), expected);
    }

    void ticks_data()
    {
        QTest::addColumn<double>("start");
        QTest::addColumn<double>("end");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QString>("firstLabel");
        QTest::addColumn<QString>("secondLabel");
        // 1000 px wide, ticks about 110 px apart.
        QTest::newRow("ten seconds: whole seconds")
            << 0.0 << 10e6 << QStringLiteral(" s") << QStringLiteral("0 s")
            << QStringLiteral("2 s");
        QTest::newRow("two seconds: tenths of a second")
            << 0.0 << 2e6 << QStringLiteral(" s") << QStringLiteral("0.0 s")
            << QStringLiteral("0.5 s");
        QTest::newRow("window from 1.5 s") << 1.5e6 << 3.5e6 << QStringLiteral(" s")
                                           << QStringLiteral("1.6 s") << QStringLiteral("1.8 s");
        QTest::newRow("100 ms: whole milliseconds")
            << 0.0 << 1e5 << QStringLiteral(" ms") << QStringLiteral("0 ms")
            << QStringLiteral("20 ms");
        QTest::newRow("1 ms: tenths of a millisecond")
            << 0.0 << 1e3 << QStringLiteral(" ms") << QStringLiteral("0.0 ms")
            << QStringLiteral("0.2 ms");
        QTest::newRow("100 µs: microseconds") << 0.0 << 100.0 << QStringLiteral(" µs")
                                              << QStringLiteral("0 µs") << QStringLiteral("20 µs");
        QTest::newRow("panned before zero") << -5e4 << 5e4 << QStringLiteral(" ms")
                                            << QStringLiteral("-40 ms") << QStringLiteral("-20 ms");
    }
    void ticks()
    {
        QFETCH(double, start);
        QFETCH(double, end);
        QFETCH(QString, unit);
        QFETCH(QString, firstLabel);
        QFETCH(QString, secondLabel);
        const double target = 110;
        const TimelineMapping m(start, end, 0, 1000);
        const QVector<TimeTick> t = TimeAxis::ticks(m, target);
        QVERIFY2(t.size() >= 3, qPrintable(QString::number(t.size())));
        QCOMPARE(t.at(0).label, firstLabel);
        QCOMPARE(t.at(1).label, secondLabel);

        const double step = t.at(1).us - t.at(0).us;
        QVERIFY(approx(step, TimeAxis::stepFor(m, target), 1e-9 * step));
        // A 1-2-5 step giving 5 to 10 labels (issue 16), about `target`
        // pixels apart: at least half of it, at most one nice step (×2.5) wider.
        const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
        QVERIFY2(approx(mantissa, 1, 1e-9) || approx(mantissa, 2, 1e-9) ||
                     approx(mantissa, 5, 1e-9),
                 qPrintable(QString::number(step)));
        QVERIFY2(t.size() >= 5 && t.size() <= 10, qPrintable(QString::number(t.size())));
        const double stepPx = step / m.usPerPixel();
        QVERIFY2(stepPx >= target / 2 && stepPx <= 2.5 * target,
                 qPrintable(QString::number(stepPx)));
        // The first tick is the first multiple of the step inside the window.
        QVERIFY(t.first().us >= m.start() && t.first().us - step < m.start());
        QVERIFY(t.last().us + step > m.end());
        for (int i = 0; i < t.size(); ++i) {
            const TimeTick &k = t.at(i);
            QVERIFY2(
                k.us >= m.start() && k.us <= m.end(),
                qPrintable(
                    QStringLiteral("tick %1 at %2 outside %3").arg(i).arg(k.us).arg(describe(m))));
            if (i > 0)
                QVERIFY2(approx(k.us - t.at(i - 1).us, step, 1e-6 * step),
                         qPrintable(QStringLiteral("tick %1 is %2 µs after the previous, step %3")
                                        .arg(i)
                                        .arg(k.us - t.at(i - 1).us)
                                        .arg(step)));
            QVERIFY2(k.label.endsWith(unit), qPrintable(k.label));
            QVERIFY2(!k.label.startsWith(QLatin1String("-0")), qPrintable(k.label)); // zero is "0"
        }
    }

    void ticksAreBoundedWhenZoomedOutFar()
    {
        // A degenerate target (0 px) must not produce an endless list.
        const TimelineMapping m(0, 1e12, 0, 1000);
        const QVector<TimeTick> t = TimeAxis::ticks(m, 0);
        QVERIFY(!t.isEmpty());
        QVERIFY(t.size() <= 200);
    }

    void formatDuration_data()
    {
        QTest::addColumn<double>("us");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << 0.0 << QStringLiteral("0 µs");
        QTest::newRow("microseconds") << 999.0 << QStringLiteral("999 µs");
        QTest::newRow("one millisecond") << 1000.0 << QStringLiteral("1.0 ms");
        QTest::newRow("1.5 ms keeps a decimal") << 1500.0 << QStringLiteral("1.5 ms");
        QTest::newRow("10 ms and up: whole ms") << 10'000.0 << QStringLiteral("10 ms");
        QTest::newRow("250 ms") << 250'400.0 << QStringLiteral("250 ms");
        QTest::newRow("one second: two decimals") << 1e6 << QStringLiteral("1.00 s");
        QTest::newRow("2.5 s") << 2.5e6 << QStringLiteral("2.50 s");
        QTest::newRow("ten seconds and up: one decimal") << 1e7 << QStringLiteral("10.0 s");
        QTest::newRow("a minute") << 60e6 << QStringLiteral("60.0 s");
    }
    void formatDuration()
    {
        QFETCH(double, us);
        QFETCH(QString, expected);
        QCOMPARE(TimeAxis::formatDuration(us), expected);
    }
};

QTEST_APPLESS_MAIN(TestTimelineMapping)
#include "tst_timelinemapping.moc"
