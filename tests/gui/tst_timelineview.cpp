// TimelineView on a hand-built run: what is painted where (probed pixels),
// what the tooltip says, lane layout with many processes, and wheel zoom vs.
// following a live run.
#include "guitestsupport.h"
#include "timeaxis.h"
#include "timelinelayout.h"
#include "timelinepainter.h"
#include "timelinepalette.h"
#include "timelinetooltip.h"
#include "timelineview.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QImage>
#include <QJsonObject>
#include <QPainter>
#include <QSet>
#include <QTest>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

using namespace proclab;
using namespace proclab::test;

namespace {

constexpr qint64 kMain = 100;
constexpr qint64 kFirst = 201;
constexpr qint64 kSecond = 202;
const QSize kImageSize(1280, 720);

TraceEvent flow(TraceEvent::Phase ph, double ts, qint64 pid, qint64 id)
{
    return {ts, pid, ph, ev::Start, {}, id};
}

// A child of MainProcess in joinRun(): started by flow `flowId`, it runs from
// `startTs`, sleeps [sleepFrom, sleepTo), exits with 0 at `exitTs` and is a
// zombie until MainProcess reaps it at `reapedTs`.
TraceEvents joinedChild(qint64 pid, const QString &name, qint64 flowId, double startTs,
                        double sleepFrom, double sleepTo, double exitTs, double reapedTs)
{
    const int sleepMs = int((sleepTo - sleepFrom) / 1000);
    return {
        meta(pid, name, kMain),
        flow(TraceEvent::FlowEnd, startTs, pid, flowId),
        begin(startTs, pid, ev::Running),
        begin(sleepFrom, pid, ev::Sleep, {{"ms", sleepMs}}),
        end(sleepTo, pid, ev::Sleep),
        instant(exitTs, pid, ev::Exit, {{"exitcode", 0}}),
        end(exitTs, pid, ev::Running),
        begin(exitTs, pid, ev::Zombie),
        end(reapedTs, pid, ev::Zombie),
        instant(reapedTs, pid, ev::Reaped, {{"by", "MainProcess"}}),
    };
}

// MainProcess starts two children, joins one after the other; each child
// works, sleeps, works, exits, and is a zombie until joined. Times in µs.
TraceEvents joinRun()
{
    const QJsonObject exit0{{"exitcode", 0}};
    const TraceEvents mainProcess{
        meta(kMain, QStringLiteral("MainProcess"), 1, true),
        begin(0, kMain, ev::Running),
        instant(10'000, kMain, ev::Start,
                {{"child", "Process-1"}, {"child_pid", kFirst}, {"method", "fork"}}),
        flow(TraceEvent::FlowStart, 10'000, kMain, 1),
        instant(20'000, kMain, ev::Start,
                {{"child", "Process-2"}, {"child_pid", kSecond}, {"method", "fork"}}),
        flow(TraceEvent::FlowStart, 20'000, kMain, 2),
        begin(100'000, kMain, ev::Join, {{"target", "Process-1"}}),
        end(500'000, kMain, ev::Join),
        begin(500'000, kMain, ev::Join, {{"target", "Process-2"}}),
        end(800'000, kMain, ev::Join),
        instant(900'000, kMain, ev::Exit, exit0),
        end(900'000, kMain, ev::Running),
    };
    return mainProcess +
           joinedChild(kFirst, QStringLiteral("Process-1"), 1, 12'000, 100'000, 350'000, 400'000,
                       500'000) +
           joinedChild(kSecond, QStringLiteral("Process-2"), 2, 22'000, 150'000, 600'000, 700'000,
                       800'000);
}

// MainProcess and 63 children, each alive for half a second, staggered.
TraceEvents manyLanesRun(int lanes)
{
    TraceEvents out{meta(kMain, QStringLiteral("MainProcess"), 1, true),
                    begin(0, kMain, ev::Running)};
    for (int i = 1; i < lanes; ++i) {
        const qint64 pid = 1000 + i;
        const double t0 = 1000.0 * i;
        out << meta(pid, QStringLiteral("Process-%1").arg(i), kMain) << begin(t0, pid, ev::Running)
            << instant(t0 + 500'000, pid, ev::Exit, {{"exitcode", 0}})
            << end(t0 + 500'000, pid, ev::Running);
    }
    out << end(600'000, kMain, ev::Running);
    return out;
}

// The colour name of the pixel containing (x, y).
QString colourAt(const QImage &image, double x, double y)
{
    return pixelAt(image, x, y).name();
}

void sendWheel(QWidget *w, QPointF pos, int angleY,
               Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWheelEvent e(pos, w->mapToGlobal(pos), QPoint(), QPoint(0, angleY), Qt::NoButton, modifiers,
                  Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &e);
}

} // namespace

class TestTimelineView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The legend lists join, zombie, terminate/kill and error only when the
    // run has them (running and sleeping always): short on a projector.
    void legendListsOnlyWhatTheRunHas()
    {
        const TimelinePalette pal = TimelinePalette::standard();
        TraceModel plain, eventful;
        plain.append({meta(1, QStringLiteral("MainProcess"), 0, true), begin(0, 1, ev::Running),
                      end(1000, 1, ev::Running)});
        eventful.append(
            {meta(1, QStringLiteral("MainProcess"), 0, true), begin(0, 1, ev::Running),
             meta(2, QStringLiteral("Process-1"), 1), begin(10, 2, ev::Running),
             begin(20, 1, ev::Join), instant(30, 1, ev::Terminate, {{"target", "Process-1"}}),
             instant(40, 2, ev::Exit, {{"exitcode", -15}}), end(40, 2, ev::Running),
             begin(40, 2, ev::Zombie), end(50, 2, ev::Zombie), instant(50, 2, ev::Reaped),
             end(50, 1, ev::Join), instant(60, 1, ev::Error, {{"message", "boom"}}),
             end(1000, 1, ev::Running)});
        const LegendFeatures none = TimelinePainter::featuresOf(plain);
        const LegendFeatures all = TimelinePainter::featuresOf(eventful);
        QVERIFY(!none.joins && !none.zombies && !none.signalled && !none.errors);
        QVERIFY(all.joins && all.zombies && all.signalled && all.errors);
        const RenderedTimeline a = renderModel(plain, kImageSize);
        const RenderedTimeline b = renderModel(eventful, kImageSize);
        QVERIFY(longestRun(a.image, a.layout.legend, pal.running) >= 20);
        QCOMPARE(longestRun(a.image, a.layout.legend, pal.blockedJoin), 0);
        QVERIFY(longestRun(b.image, b.layout.legend, pal.blockedJoin) >= 20);
    }

    // Every warning fails here, the offscreen plugin's too: a bare TimelineView has no
    // layout, so it does not cause it.
    void initTestCase() { installWarningRecorder(OffscreenNoise::Record); }
    void cleanupTestCase() { uninstallWarningRecorder(); }
    void init() { clearRecordedWarnings(); }
    void cleanup()
    {
        const QStringList warnings = recordedWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    }

    void modelHasALanePerProcess()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(joinRun());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.lane(0).name, QStringLiteral("MainProcess"));
        QCOMPARE(model.lane(1).pid, kFirst);
        QCOMPARE(model.lane(2).pid, kSecond);
        QCOMPARE(model.flows().size(), 2);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.data(model.index(r), TraceModel::ExitCodeRole), QVariant(0));
    }

    void laneLayoutMatchesModelRows()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(joinRun());
        const auto [image, layout, map] = renderModel(model, kImageSize);
        QCOMPARE(layout.laneCount, model.rowCount());
        QCOMPARE(layout.visibleLanes(), model.rowCount());
        double previousBottom = layout.lanes.top();
        for (int row = 0; row < model.rowCount(); ++row) {
            const QRectF r = layout.laneRect(row);
            QVERIFY2(!r.isEmpty(), qPrintable(QString::number(row)));
            QCOMPARE(r.top(), previousBottom); // stacked, no gaps, no overlap
            QCOMPARE(layout.laneAt(r.center().y()), row);
            previousBottom = r.bottom();
        }
        QVERIFY(layout.laneRect(model.rowCount()).isEmpty());
        QCOMPARE(layout.laneAt(previousBottom + 1), -1);
    }

    void paintsStatesInTheirColours_data()
    {
        const TimelinePalette pal = TimelinePalette::standard();
        QTest::addColumn<int>("row");
        QTest::addColumn<double>("us");
        QTest::addColumn<QColor>("expected");
        QTest::newRow("MainProcess running before the joins") << 0 << 65'000.0 << pal.running;
        QTest::newRow("MainProcess blocked in join(Process-1)")
            << 0 << 460'000.0 << pal.blockedJoin;
        QTest::newRow("MainProcess blocked in join(Process-2)")
            << 0 << 770'000.0 << pal.blockedJoin;
        QTest::newRow("MainProcess running after the joins") << 0 << 850'000.0 << pal.running;
        QTest::newRow("Process-1 running before its sleep") << 1 << 56'000.0 << pal.running;
        QTest::newRow("Process-1 sleeping") << 1 << 320'000.0 << pal.sleeping;
        QTest::newRow("Process-1 running after its sleep") << 1 << 375'000.0 << pal.running;
        QTest::newRow("Process-1 gone: striped empty lane") << 1 << 650'000.0 << pal.laneStripe;
        QTest::newRow("Process-2 running before its sleep") << 2 << 86'000.0 << pal.running;
        QTest::newRow("Process-2 sleeping") << 2 << 560'000.0 << pal.sleeping;
        QTest::newRow("Process-2 gone: empty lane") << 2 << 850'000.0 << pal.background;
    }
    void paintsStatesInTheirColours()
    {
        QFETCH(int, row);
        QFETCH(double, us);
        QFETCH(QColor, expected);
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(joinRun());
        const auto [image, layout, map] = renderModel(model, kImageSize);
        QVERIFY(map.start() <= 0 && map.end() >= model.endTime());
        const double x = map.toX(us);
        const double y = barMiddle(layout, row);
        QVERIFY(layout.lanes.contains(QPointF(x, y)));
        // A few pixels around the point: a bar, not a stray line, has that colour.
        for (const QPointF d :
             {QPointF(0, 0), QPointF(-2, 0), QPointF(2, 0), QPointF(0, -2), QPointF(0, 2)})
            QCOMPARE(colourAt(image, x + d.x(), y + d.y()), expected.name());
    }

    void zombieIsHatchedNotRunning()
    {
        const TimelinePalette pal = TimelinePalette::standard();
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(joinRun());
        const auto [image, layout, map] = renderModel(model, kImageSize);
        const double y = barMiddle(layout, 1);
        // Process-1 is a zombie from 400 to 500 ms: two colours (fill and hatch), neither running.
        QSet<QString> seen;
        for (double x = map.toX(420'000); x < map.toX(480'000); x += 1)
            seen << colourAt(image, x, y);
        QVERIFY2(!seen.contains(pal.running.name()),
                 qPrintable(QStringList(seen.values()).join(' ')));
        QVERIFY2(seen.contains(pal.zombie.lighter(135).name()),
                 qPrintable(QStringList(seen.values()).join(' ')));
        QVERIFY2(seen.size() >= 2, "the zombie bar is hatched");
    }

    void paintsNothingBelowTheLastLane()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(joinRun());
        const auto [image, layout, map] = renderModel(model, kImageSize);
        const double below = layout.laneRect(2).bottom() + 20;
        QVERIFY(below < image.height());
        const QVector<TimeTick> ticks = TimeAxis::ticks(map);
        auto onGridLine = [&](double x) {
            return std::any_of(ticks.begin(), ticks.end(),
                               [&](const TimeTick &t) { return std::abs(map.toX(t.us) - x) < 3; });
        };
        QSet<QString> seen;
        for (double x = layout.lanes.left() + 1; x < layout.lanes.right() - 1; x += 3)
            if (!onGridLine(x))
                seen << colourAt(image, x, below);
        QCOMPARE(QStringList(seen.values()),
                 QStringList{TimelinePalette::standard().background.name()});
        QCOMPARE(colourAt(image, image.width() - 1, image.height() - 1),
                 TimelinePalette::standard().background.name()); // no magenta left
    }

    void tooltipNamesLaneAndWhatIsThere_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<double>("us");
        QTest::addColumn<double>("pixelOffset");
        QTest::addColumn<QString>("head");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<bool>("nearExit");
        QTest::newRow("MainProcess running")
            << 0 << 65'000.0 << 0.0 << QStringLiteral("MainProcess — pid 100, parent pid 1")
            << QStringLiteral("alive") << false;
        QTest::newRow("MainProcess in join")
            << 0 << 300'000.0 << 0.0 << QStringLiteral("MainProcess — pid 100")
            << QStringLiteral("blocked in join() on Process-1") << false;
        QTest::newRow("Process-1 sleeping")
            << 1 << 320'000.0 << 0.0 << QStringLiteral("Process-1 — pid 201, parent pid 100")
            << QStringLiteral("sleeping 250 ms") << false;
        QTest::newRow("just right of Process-1's exit")
            << 1 << 400'000.0 << 3.0 << QStringLiteral("Process-1 — pid 201")
            << QStringLiteral("exit 0") << true;
        QTest::newRow("just left of Process-2's exit")
            << 2 << 700'000.0 << -4.0 << QStringLiteral("Process-2 — pid 202")
            << QStringLiteral("exit 0") << true;
        QTest::newRow("on MainProcess's exit")
            << 0 << 900'000.0 << 0.0 << QStringLiteral("MainProcess — pid 100")
            << QStringLiteral("exit 0") << true;
        QTest::newRow("Process-2 zombie")
            << 2 << 750'000.0 << 0.0 << QStringLiteral("Process-2 — pid 202")
            << QStringLiteral("zombie") << false;
    }
    void tooltipNamesLaneAndWhatIsThere()
    {
        QFETCH(int, row);
        QFETCH(double, us);
        QFETCH(double, pixelOffset);
        QFETCH(QString, head);
        QFETCH(QString, detail);
        QFETCH(bool, nearExit);
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(joinRun());
        const auto [image, layout, map] = renderModel(model, kImageSize);
        const QPointF pos(map.toX(us) + pixelOffset, barMiddle(layout, row));
        const QString text = TimelineTooltip::textAt(model, layout, map, pos);
        QVERIFY2(text.startsWith(head), qPrintable(text));
        const QString below = text.section(QLatin1Char('\n'), 1);
        QVERIFY2(below.contains(detail), qPrintable(text));
        // Every finished lane's head says "exit 0"; only near the marker does the detail.
        QCOMPARE(below.contains(QLatin1String("exit 0")), nearExit);
    }

    void tooltipOutsideTheLanes()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(joinRun());
        const auto [image, layout, map] = renderModel(model, kImageSize);
        // Over the lane names: who the process is, nothing about time.
        const QString names =
            TimelineTooltip::textAt(model, layout, map, QPointF(20, barMiddle(layout, 1)));
        QCOMPARE(names, QStringLiteral("Process-1 — pid 201, parent pid 100, exit 0"));
        // Over the axis and below the last lane: nothing.
        QVERIFY(TimelineTooltip::textAt(model, layout, map, layout.axis.center()).isEmpty());
        QVERIFY(TimelineTooltip::textAt(model, layout, map,
                                        QPointF(600, layout.laneRect(2).bottom() + 5))
                    .isEmpty());
    }

    void manyLanesKeepAReadableHeight()
    {
        const TimelinePalette pal = TimelinePalette::standard();
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(manyLanesRun(64));
        QCOMPARE(model.rowCount(), 64);
        TimelineView view;
        view.resize(kImageSize);
        view.setModel(&model);
        const QImage image = renderTimeline(view, kImageSize);
        const TimelineLayout layout = view.layoutFor(QRectF(image.rect()));
        QCOMPARE(layout.laneCount, 64);
        QVERIFY2(layout.laneHeight >= pal.laneMinHeight,
                 qPrintable(QString::number(layout.laneHeight)));
        // More lanes than fit: the rest are scrolled to, not squeezed.
        QVERIFY(layout.visibleLanes() < 64);
        QVERIFY(layout.visibleLanes() >= int(layout.lanes.height() / pal.laneMinHeight));
        for (int row = 0; row < layout.visibleLanes(); ++row) {
            const QRectF r = layout.laneRect(row);
            QVERIFY2(!r.isEmpty() && r.height() >= pal.laneMinHeight,
                     qPrintable(QString::number(row)));
        }
        QVERIFY(layout.laneRect(layout.visibleLanes()).isEmpty());
        // Visible lanes are drawn: each fully visible child is running at 300 ms.
        const double x = view.mapping().toX(300'000);
        for (int row = 1; row < layout.visibleLanes(); ++row) {
            if (layout.laneRect(row).bottom() > layout.lanes.bottom())
                break;
            QVERIFY2(colourAt(image, x, barMiddle(layout, row)) == pal.running.name(),
                     qPrintable(QStringLiteral("lane %1").arg(row)));
        }

        // Shift+wheel scrolls by a lane.
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        sendWheel(&view, layout.lanes.center(), -120, Qt::ShiftModifier);
        const TimelineLayout scrolled = view.layoutFor(QRectF(view.rect()));
        QCOMPARE(scrolled.firstLane, 1);
        QVERIFY(scrolled.laneRect(0).isEmpty());
        QCOMPARE(scrolled.laneRect(1).top(), scrolled.lanes.top());
    }

    void wheelZoomsAroundTheMouseAndStopsFollowing_data()
    {
        QTest::addColumn<int>("angle");
        QTest::addColumn<double>("factor");
        QTest::newRow("one notch in") << 120 << 1.25;
        QTest::newRow("one notch out") << -120 << 1 / 1.25;
        QTest::newRow("two notches in") << 240 << 1.25 * 1.25;
    }
    void wheelZoomsAroundTheMouseAndStopsFollowing()
    {
        QFETCH(int, angle);
        QFETCH(double, factor);
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(joinRun());
        TimelineView view;
        view.resize(kImageSize);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.size(), kImageSize);
        QVERIFY(view.isFollowing());
        const TimelineMapping fitted = view.mapping();

        const QPointF mouse(700, barMiddle(view.layoutFor(QRectF(view.rect())), 1));
        const double timeUnderMouse = fitted.toTime(mouse.x());
        sendWheel(&view, mouse, angle);
        const TimelineMapping zoomed = view.mapping();
        QCOMPARE(zoomed.span(), fitted.span() / factor);
        QVERIFY2(std::abs(zoomed.toX(timeUnderMouse) - mouse.x()) < 1e-3,
                 qPrintable(QString::number(zoomed.toX(timeUnderMouse))));
        QVERIFY(!view.isFollowing());

        // Not following: new events do not move the zoomed window.
        model.append({instant(950'000, kMain, ev::Stdout, {{"text", "late"}})});
        QCOMPARE(view.mapping(), zoomed);

        view.fitAll();
        QVERIFY(view.isFollowing());
        QVERIFY(view.mapping().start() <= 0 && view.mapping().end() >= model.endTime());
        QCOMPARE(view.mapping().left(), fitted.left());
        QCOMPARE(view.mapping().right(), fitted.right());
    }

    void followingViewGrowsWithTheRun()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(joinRun());
        TimelineView view;
        view.resize(kImageSize);
        view.setModel(&model);
        QVERIFY(view.isFollowing());
        const double before = view.mapping().end();
        model.append({instant(5'000'000, kMain, ev::Stdout, {{"text", "much later"}})});
        QVERIFY2(view.mapping().end() >= 5'000'000,
                 qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(view.mapping().end())));
        // A pinned window (setVisibleRange) stays put.
        view.setVisibleRange(100'000, 200'000);
        QVERIFY(!view.isFollowing());
        model.append({instant(9'000'000, kMain, ev::Stdout, {{"text", "even later"}})});
        QCOMPARE(view.mapping().start(), 100'000.0);
        QCOMPARE(view.mapping().end(), 200'000.0);
    }

    void emptyModelRendersAHint()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        const auto [image, layout, map] = renderModel(model, kImageSize);
        // Dark pixels (text, not the light grid lines) in a band across the lanes.
        auto darkPixelsAround = [&](double yMiddle) {
            int dark = 0;
            for (int y = int(yMiddle) - 10; y < int(yMiddle) + 10; ++y)
                for (int x = int(layout.lanes.left()); x < int(layout.lanes.right()); ++x)
                    dark += qGray(image.pixel(x, y)) < 160 ? 1 : 0;
            return dark;
        };
        // The centred hint "Press Run: ..." is there; the rest of the lanes area is empty.
        const int middle = darkPixelsAround(layout.lanes.center().y());
        const int lower = darkPixelsAround(layout.lanes.bottom() - 40);
        QVERIFY2(middle > 200, qPrintable(QString::number(middle)));
        QCOMPARE(lower, 0);
    }
};

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
