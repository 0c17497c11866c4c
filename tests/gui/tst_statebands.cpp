// The sampled /proc state under each lane's bars: drawn in its colour at the
// right time, absent where nothing was sampled, listed in the legend only
// when the run has samples, named (with the CPU) in the tooltip.
#include "guitestsupport.h"
#include "timelinelayout.h"
#include "timelinepainter.h"
#include "timelinepalette.h"
#include "timelinetooltip.h"
#include "timelineview.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>
#include <cmath>

using namespace proclab;
using namespace proclab::test;

namespace {

constexpr qint64 kMain = 100;
constexpr qint64 kChild = 201;
const QSize kImageSize(1280, 720);

// A child sleeps (S) on CPU 1 until 300 ms, runs (R) on CPU 0 until 600 ms,
// is a zombie (Z) until MainProcess reaps it at 900 ms. MainProcess has no samples.
void fill(TraceModel &model)
{
    model.append({
        meta(kMain, QStringLiteral("MainProcess"), 1, true),
        begin(0, kMain, ev::Running),
        meta(kChild, QStringLiteral("Process-1"), kMain),
        begin(10'000, kChild, ev::Running),
        counter(10'000, kChild, ev::State, 2),
        counter(10'000, kChild, ev::Cpu, 1),
        counter(300'000, kChild, ev::State, 1),
        counter(300'000, kChild, ev::Cpu, 0),
        counter(600'000, kChild, ev::State, 5),
        instant(600'000, kChild, ev::Exit, {{"exitcode", 0}}),
        end(600'000, kChild, ev::Running),
        counter(900'000, kChild, ev::State, 0),
        instant(900'000, kChild, ev::Reaped, {{"by", "MainProcess"}}),
        end(1'000'000, kMain, ev::Running),
    });
}

} // namespace

class TestStateBands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { installWarningRecorder(); }
    void cleanup()
    {
        QCOMPARE(recordedWarnings(), QStringList());
        uninstallWarningRecorder();
    }

    void bandShowsTheSampledState_data()
    {
        const TimelinePalette pal = TimelinePalette::standard();
        QTest::addColumn<qint64>("pid");
        QTest::addColumn<double>("us");
        QTest::addColumn<QColor>("expected");
        QTest::newRow("sleeping") << kChild << 150'000.0 << pal.procSleeping;
        QTest::newRow("running") << kChild << 450'000.0 << pal.procRunning;
        QTest::newRow("zombie") << kChild << 750'000.0 << pal.procZombie;
        QTest::newRow("after the reap: nothing") << kChild << 950'000.0 << QColor();
        QTest::newRow("MainProcess not sampled: nothing") << kMain << 450'000.0 << QColor();
    }

    void bandShowsTheSampledState()
    {
        QFETCH(qint64, pid);
        QFETCH(double, us);
        QFETCH(QColor, expected);
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        fill(model);
        const auto [image, layout, map] = renderModel(model, kImageSize);
        const int row = model.rowOfPid(pid);
        QVERIFY(layout.features.states);
        // Probe the band's lower half: the CPU label is written in its middle.
        const double y = layout.stateBandTop(row) + layout.stateBandHeight() * 0.85;
        const double x = map.toX(us) + 20; // past a CPU label's start tick
        const QColor got = pixelAt(image, x, y);
        const TimelinePalette pal = TimelinePalette::standard();
        if (expected.isValid()) {
            QCOMPARE(got.name(), expected.name());
        } else {
            for (const QColor &c :
                 {pal.procSleeping, pal.procRunning, pal.procZombie, pal.procDisk, pal.procStopped})
                QVERIFY2(got.rgb() != c.rgb(), qPrintable(got.name()));
        }
    }

    void legendListsStatesOnlyWithSamples()
    {
        TraceModel sampled, plain;
        fill(sampled);
        plain.append({meta(kMain, QStringLiteral("MainProcess"), 1, true),
                      begin(0, kMain, ev::Running), end(1000, kMain, ev::Running)});
        QVERIFY(TimelinePainter::featuresOf(sampled).states);
        QVERIFY(!TimelinePainter::featuresOf(plain).states);
    }

    // A running bar shows the sampled CPU share: dark up to the share, pale
    // above it; no share, no pale part. The legend explains the pale part.
    void runningBarFilledByCpuShare()
    {
        TraceModel model;
        model.append({meta(kMain, QStringLiteral("MainProcess"), 1, true),
                      begin(0, kMain, ev::Running), counter(300'000, kMain, ev::CpuShare, 25),
                      end(1'000'000, kMain, ev::Running)});
        QCOMPARE(model.lane(0).cpuShares().size(), 1);
        const auto [image, layout, map] = renderModel(model, kImageSize);
        const TimelinePalette pal = TimelinePalette::standard();
        QVERIFY(layout.features.cpuShares);
        const double top = layout.barTop(0, 0), h = layout.barHeight(0);
        const double inWindow = map.toX(250'000), after = map.toX(600'000);
        // In the window (200-300 ms at 25 %): pale in the top three quarters, dark below.
        QCOMPARE(pixelAt(image, inWindow, top + h * 0.4).name(), pal.offCpu.name());
        QCOMPARE(pixelAt(image, inWindow, top + h * 0.9).name(), pal.running.name());
        // After it: no sample, the plain running colour all the way up.
        QCOMPARE(pixelAt(image, after, top + h * 0.4).name(), pal.running.name());
        QVERIFY(longestRun(image, layout.legend, pal.offCpu) >= 10);
    }

    // Words on a fill get dark text on light fills, white on dark ones, at
    // WCAG's 4.5:1 or better for every state and bar colour of both palettes.
    void textOnFillContrasts()
    {
        QCOMPARE(qRound(TimelinePalette::contrastRatio(Qt::black, Qt::white)), 21);
        QCOMPARE(TimelinePalette::contrastRatio(Qt::white, Qt::white), 1.0);
        for (const TimelinePalette &pal :
             {TimelinePalette::standard(), TimelinePalette::presentation()}) {
            QCOMPARE(pal.textOn(pal.procRunning), pal.text); // green: dark text
            QCOMPARE(pal.textOn(pal.procStopped), QColor(Qt::white));
            QCOMPARE(pal.textOn(pal.running), QColor(Qt::white));
            for (const QColor &fill :
                 {pal.procRunning, pal.procSleeping, pal.procDisk, pal.procZombie, pal.procStopped,
                  pal.running, pal.sleeping, pal.blockedJoin, pal.zombie, pal.waitLock,
                  pal.holdLock, pal.waitPut, pal.waitGet, pal.errorMark})
                QVERIFY2(TimelinePalette::contrastRatio(pal.textOn(fill), fill) >= 4.5,
                         qPrintable(fill.name()));
        }
    }

    // "CPU 0" in the green band of the R stretch is drawn dark (it was white,
    // 3.4:1): no near-white pixel in that band, some dark ones (the text).
    void cpuLabelOnGreenIsDark()
    {
        TraceModel model;
        fill(model);
        const auto [image, layout, map] = renderModel(model, kImageSize);
        const int row = model.rowOfPid(kChild);
        QVERIFY(layout.stateBandHeight() >= 9); // tall enough for the label
        const QRectF band(map.toX(300'000) + 3, layout.stateBandTop(row),
                          map.toX(600'000) - map.toX(300'000) - 6, layout.stateBandHeight());
        int light = 0, dark = 0;
        for (int y = int(std::ceil(band.top())); y < int(band.bottom()); ++y)
            for (int x = int(std::ceil(band.left())); x < int(band.right()); ++x) {
                const QColor c = image.pixelColor(x, y);
                light += c.lightnessF() > 0.85;
                dark += c.lightnessF() < 0.2;
            }
        QVERIFY2(dark > 5, qPrintable(QString::number(dark)));
        QCOMPARE(light, 0);
    }

    void tooltipNamesStateAndCpu()
    {
        TraceModel model;
        fill(model);
        const auto [image, layout, map] = renderModel(model, kImageSize);
        const int row = model.rowOfPid(kChild);
        const QPointF at(map.toX(450'000), layout.barTop(row, 0) + 2);
        const QString text = TimelineTooltip::textAt(model, layout, map, at);
        QVERIFY2(text.contains(QStringLiteral("/proc: R running/ready, last on CPU 0")),
                 qPrintable(text));
    }
};

QTEST_MAIN(TestStateBands)
#include "tst_statebands.moc"
