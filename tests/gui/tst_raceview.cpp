// The "locks and races" view: lost updates and lock states as painted on the
// timeline (probed pixels of a hand-built run), the lost-update tooltip, the
// race panel's lists, and real counter-race / ticket-race runs through LabPage.
#include "guitestsupport.h"
#include "labpage.h"
#include "labsession.h"
#include "lostupdates.h"
#include "parameterform.h"
#include "processcensus.h"
#include "racepanel.h"
#include "timeaxis.h"
#include "timelinelayout.h"
#include "timelinepainter.h"
#include "timelinepalette.h"
#include "timelinetooltip.h"
#include "timelineview.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QTextDocumentFragment>
#include <algorithm>
#include <cmath>
#include <unistd.h>

using namespace proclab;
using namespace proclab::test;

namespace {

constexpr qint64 kMain = 100;
constexpr qint64 kTwo = 202;   // "Process-2"
constexpr qint64 kThree = 203; // "Process-3"
constexpr int kRunBoundMs = 60000;
const QSize kImageSize(1280, 720);
const QSize kPageSize(1280, 720);
const QString kCounter = QStringLiteral("counter");

TraceEvent access(double ts, qint64 pid, const QString &what, const QString &object, int value,
                  qint64 version)
{
    return instant(ts, pid, what, {{"object", object}, {"value", value}, {"version", version}});
}

// MainProcess and two workers, alive from 10 ms to 950 ms. Times in µs.
TraceEvents baseRun()
{
    const QJsonObject exit0{{"exitcode", 0}};
    return {
        meta(kMain, QStringLiteral("MainProcess"), 1, true),
        begin(0, kMain, ev::Running),
        meta(kTwo, QStringLiteral("Process-2"), kMain),
        begin(10'000, kTwo, ev::Running),
        meta(kThree, QStringLiteral("Process-3"), kMain),
        begin(10'000, kThree, ev::Running),
        instant(950'000, kTwo, ev::Exit, exit0),
        end(950'000, kTwo, ev::Running),
        instant(960'000, kThree, ev::Exit, exit0),
        end(960'000, kThree, ev::Running),
        instant(1'000'000, kMain, ev::Exit, exit0),
        end(1'000'000, kMain, ev::Running),
    };
}

// Process-2 holds the lock 120–400 ms while Process-3 waits for it, then
// Process-3 holds it 400–600 ms.
TraceEvents lockRun()
{
    const QJsonObject lock{{"lock", "counter lock"}};
    return {
        begin(100'000, kTwo, ev::WaitLock, lock),   end(120'000, kTwo, ev::WaitLock),
        begin(120'000, kTwo, ev::HoldLock, lock),   end(400'000, kTwo, ev::HoldLock),
        begin(150'000, kThree, ev::WaitLock, lock), end(400'000, kThree, ev::WaitLock),
        begin(400'000, kThree, ev::HoldLock, lock), end(600'000, kThree, ev::HoldLock),
    };
}

struct Round
{
    qint64 overwriter;
    qint64 loser;
};

// MainProcess sets the counter to 41 at 150 ms; then, per round, both workers
// read the same value, the loser writes value + 1, and the overwriter writes
// value + 1 too, erasing the loser's increment: one lost update per round.
// Round k spans [t0 + 4k·gap, t0 + 4k·gap + 3·gap].
TraceEvents raceRun(const QVector<Round> &rounds, double t0, double gap)
{
    TraceEvents out{access(150'000, kMain, ev::Write, kCounter, 41, 1)};
    int value = 41;
    qint64 version = 1;
    for (int k = 0; k < rounds.size(); ++k) {
        const double t = t0 + 4 * k * gap;
        const Round &r = rounds[k];
        out << access(t, r.overwriter, ev::Read, kCounter, value, version)
            << access(t + gap, r.loser, ev::Read, kCounter, value, version)
            << access(t + 2 * gap, r.loser, ev::Write, kCounter, value + 1, version + 1)
            << access(t + 3 * gap, r.overwriter, ev::Write, kCounter, value + 1, version + 2);
        value += 1;
        version += 2;
    }
    return out;
}

// One round: Process-2 reads 41 at 200 ms, Process-3 reads 41 at 250 ms and
// writes 42 at 300 ms, Process-2 writes 42 at 350 ms.
constexpr double kRead = 200'000, kLostWrite = 300'000, kOverwrite = 350'000;
TraceEvents oneLostUpdate()
{
    return raceRun({{kTwo, kThree}}, kRead, 50'000);
}

// What LabSession does when a run ends: the lost updates become markers.
void addLostUpdates(TraceModel &model)
{
    model.append(LostUpdates::toEvents(LostUpdates::find(model), model));
}

bool near(const QColor &a, const QColor &b, int tolerance)
{
    return std::abs(a.red() - b.red()) <= tolerance &&
           std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

// Pixels of colour `c` (within `tolerance` per channel) in `area`.
int countColour(const QImage &image, const QRectF &area, const QColor &c, int tolerance = 0)
{
    const QRect r = area.toAlignedRect().intersected(image.rect());
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            n += near(QColor(image.pixel(x, y)), c, tolerance) ? 1 : 0;
    return n;
}

// A square of `radius` px around (x, y).
QRectF around(double x, double y, double radius)
{
    return QRectF(x - radius, y - radius, 2 * radius, 2 * radius);
}

QListWidget *lostList(const RacePanel *panel)
{
    return panel->findChild<QListWidget *>(QStringLiteral("lostUpdates"));
}

QListWidget *filesList(const RacePanel *panel)
{
    for (QListWidget *l : panel->findChildren<QListWidget *>())
        if (l->objectName() != QLatin1String("lostUpdates"))
            return l;
    return nullptr;
}

QStringList texts(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

// The headline as the user reads it: the verdict, then the sentence under
// it (tags stripped).
QString headline(const RacePanel *panel)
{
    QStringList lines;
    for (const char *name : {"raceVerdict", "raceHeadline"}) {
        const auto *l = panel->findChild<QLabel *>(QLatin1String(name));
        const QString plain =
            l ? QTextDocumentFragment::fromHtml(l->text()).toPlainText() : QString();
        if (!plain.isEmpty())
            lines << plain;
    }
    return lines.join(QLatin1Char('\n'));
}

// How the panel lists a lost update.
QString listed(const LostUpdate &u, const TraceModel &model)
{
    return TimeAxis::formatTime(u.overwriterTs, 1000) + QStringLiteral("  ") +
           LostUpdates::story(u, model);
}

int lostUpdateMarkers(const TraceModel &model)
{
    int n = 0;
    for (int r = 0; r < model.rowCount(); ++r)
        for (const Marker &m : model.lane(r).markers())
            n += m.name == ev::LostUpdate ? 1 : 0;
    return n;
}

} // namespace

class TestRaceView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        installWarningRecorder();
        QVERIFY2(QFileInfo(LabSession::runnerPath()).isExecutable(),
                 qPrintable(LabSession::runnerPath()));
        QVERIFY2(descendantsOf(getpid()).isEmpty(), qPrintable(describeDescendants()));
    }
    void cleanupTestCase() { uninstallWarningRecorder(); }
    void init() { clearRecordedWarnings(); }
    void cleanup()
    {
        QTRY_VERIFY2_WITH_TIMEOUT(descendantsOf(getpid()).isEmpty(),
                                  qPrintable(describeDescendants()), 2000);
        const QStringList warnings = recordedWarnings();
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    }

    // --- Hand-built runs -------------------------------------------------

    void findsTheLostUpdateAndTellsItsStory()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(baseRun() + oneLostUpdate());
        const QVector<LostUpdate> found = LostUpdates::find(model);
        QCOMPARE(found.size(), 1);
        const LostUpdate &u = found.first();
        QCOMPARE(u.overwriterPid, kTwo);
        QCOMPARE(u.lostPid, kThree);
        QCOMPARE(u.lostTs, kLostWrite);
        QCOMPARE(u.overwriterTs, kOverwrite);
        QCOMPARE(u.readTs, kRead);
        QCOMPARE(LostUpdates::story(u, model),
                 QStringLiteral("Process-2 read 41, Process-3 wrote 42, Process-2 wrote 42: "
                                "Process-3's update is lost"));
        // The marker sits on the overwriter's lane, at its write, and says the same.
        addLostUpdates(model);
        const Lane &two = model.lane(model.rowOfPid(kTwo));
        const auto marker = std::find_if(two.markers().begin(), two.markers().end(),
                                         [](const Marker &m) { return m.name == ev::LostUpdate; });
        QVERIFY(marker != two.markers().end());
        QCOMPARE(marker->t, kOverwrite);
        QCOMPARE(LostUpdates::story(LostUpdates::fromMarker(kTwo, *marker), model),
                 LostUpdates::story(u, model));
        QCOMPARE(lostUpdateMarkers(model), 1);
    }

    void paintsTheLostUpdateOnTheOverwritersLane()
    {
        const TimelinePalette pal = TimelinePalette::standard();
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(baseRun() + oneLostUpdate());
        TimelineView view;
        view.resize(kImageSize);
        view.setModel(&model);

        // Before the analysis: reads and writes, but no ring anywhere.
        QImage image = renderTimeline(view, kImageSize);
        TimelineLayout layout = view.layoutFor(QRectF(image.rect()));
        QCOMPARE(countColour(image, layout.lanes, pal.lostUpdateFill), 0);

        addLostUpdates(model);
        image = renderTimeline(view, kImageSize);
        layout = view.layoutFor(QRectF(image.rect()));
        const TimelineMapping map = view.mapping();
        const int two = model.rowOfPid(kTwo), three = model.rowOfPid(kThree);
        // A yellow ring centre at Process-2's overwriting write...
        const QRectF atOverwrite = around(map.toX(kOverwrite), barMiddle(layout, two), 3);
        QVERIFY2(
            countColour(image, atOverwrite, pal.lostUpdateFill) > 0,
            qPrintable(pixelAt(image, atOverwrite.center().x(), atOverwrite.center().y()).name()));
        // ...outlined in vermillion,
        const QRectF ring = around(map.toX(kOverwrite), barMiddle(layout, two), 9);
        QVERIFY(countColour(image, ring, pal.lostUpdate, 10) > 0);
        // and nowhere else: not at the overwritten write, not on Process-3's lane.
        QCOMPARE(countColour(image, around(map.toX(kLostWrite), barMiddle(layout, three), 10),
                             pal.lostUpdateFill),
                 0);
        QCOMPARE(countColour(image, layout.laneRect(three).intersected(layout.lanes),
                             pal.lostUpdateFill),
                 0);
        QCOMPARE(countColour(image,
                             QRectF(layout.lanes.left(), layout.lanes.top(),
                                    map.toX(kOverwrite) - 12 - layout.lanes.left(),
                                    layout.lanes.height()),
                             pal.lostUpdateFill),
                 0);
    }

    void paintsReadsOnTopAndWritesAtTheBottom_data()
    {
        QTest::addColumn<qint64>("pid");
        QTest::addColumn<double>("us");
        QTest::addColumn<bool>("read");
        QTest::addColumn<bool>("write");
        QTest::newRow("Process-2 reads 41") << kTwo << kRead << true << false;
        QTest::newRow("Process-3 writes 42 (lost)") << kThree << kLostWrite << false << true;
        QTest::newRow("Process-3 reads 41") << kThree << kRead + 50'000 << true << false;
        QTest::newRow("no access on Process-3 at 350 ms") << kThree << kOverwrite << false << false;
        QTest::newRow("MainProcess writes 41") << kMain << 150'000.0 << false << true;
    }
    void paintsReadsOnTopAndWritesAtTheBottom()
    {
        QFETCH(qint64, pid);
        QFETCH(double, us);
        QFETCH(bool, read);
        QFETCH(bool, write);
        const TimelinePalette pal = TimelinePalette::standard();
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(baseRun() + oneLostUpdate());
        const auto [image, layout, map] = renderModel(model, kImageSize);
        const int row = model.rowOfPid(pid);
        const double x = map.toX(us);
        const double top = layout.barTop(row, 0), bottom = top + layout.barHeight(0);
        // One-pixel ticks: scan the columns either side of the exact position.
        const QRectF topEdge(x - 2, top + 1, 4, 3), bottomEdge(x - 2, bottom - 4, 4, 3);
        QCOMPARE(countColour(image, topEdge, pal.readMark) > 0, read);
        QCOMPARE(countColour(image, bottomEdge, pal.writeMark) > 0, write);
        // The other edge keeps the bar's colour.
        QCOMPARE(countColour(image, bottomEdge, pal.readMark), 0);
        QCOMPARE(countColour(image, topEdge, pal.writeMark), 0);
    }

    // Dashed connectors from the overwritten write while they can be told apart.
    void connectsTheOverwrittenWriteUpTo300_data()
    {
        QTest::addColumn<int>("rounds");
        QTest::addColumn<bool>("connectors");
        QTest::newRow("one lost update") << 1 << true;
        QTest::newRow("300 lost updates") << 300 << true;
        QTest::newRow("301 lost updates: rings only") << 301 << false;
    }
    void connectsTheOverwrittenWriteUpTo300()
    {
        QFETCH(int, rounds);
        QFETCH(bool, connectors);
        const TimelinePalette pal = TimelinePalette::standard();
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        const double t0 = 200'000, gap = rounds == 1 ? 50'000 : 500;
        model.append(baseRun() + raceRun(QVector<Round>(rounds, Round{kTwo, kThree}), t0, gap));
        addLostUpdates(model);
        QCOMPARE(lostUpdateMarkers(model), rounds);
        const auto [image, layout, map] = renderModel(model, kImageSize);
        const int two = model.rowOfPid(kTwo), three = model.rowOfPid(kThree);
        QCOMPARE(three, two + 1);
        // The band between Process-2's bar and Process-3's: only a connector crosses it.
        const double bandTop = layout.barTop(two, 0) + layout.barHeight(0) + 3;
        const double bandBottom = layout.barTop(three, 0) - 3;
        QVERIFY(bandBottom - bandTop > 8);
        const double x0 = map.toX(t0) - 2, x1 = map.toX(t0 + 4 * gap * rounds) + 2;
        const QRectF band(x0, bandTop, x1 - x0, bandBottom - bandTop);
        const int vermillion = countColour(image, band, pal.lostUpdate, 24);
        QVERIFY2((vermillion > 0) == connectors, qPrintable(QString::number(vermillion)));
        // Rings are drawn either way (dense ones overlap: the last shows whole).
        const double lastRing = t0 + 4 * gap * (rounds - 1) + 3 * gap;
        QVERIFY(countColour(image, around(map.toX(lastRing), barMiddle(layout, two), 3),
                            pal.lostUpdateFill) > 0);
    }

    void paintsLockStatesInTheirColours_data()
    {
        const TimelinePalette pal = TimelinePalette::standard();
        QTest::addColumn<qint64>("pid");
        QTest::addColumn<double>("us");
        QTest::addColumn<QColor>("expected");
        QTest::newRow("Process-2 running before the lock") << kTwo << 60'000.0 << pal.running;
        QTest::newRow("Process-2 holding the lock") << kTwo << 260'000.0 << pal.holdLock;
        QTest::newRow("Process-3 waiting for the lock") << kThree << 260'000.0 << pal.waitLock;
        QTest::newRow("Process-3 holding the lock") << kThree << 500'000.0 << pal.holdLock;
        QTest::newRow("Process-2 running after the lock") << kTwo << 500'000.0 << pal.running;
    }
    void paintsLockStatesInTheirColours()
    {
        QFETCH(qint64, pid);
        QFETCH(double, us);
        QFETCH(QColor, expected);
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(baseRun() + lockRun());
        const auto [image, layout, map] = renderModel(model, kImageSize);
        const double x = map.toX(us), y = barMiddle(layout, model.rowOfPid(pid));
        for (const QPointF d :
             {QPointF(0, 0), QPointF(-2, 0), QPointF(2, 0), QPointF(0, -2), QPointF(0, 2)})
            QCOMPARE(pixelAt(image, x + d.x(), y + d.y()).name(), expected.name());
    }

    void legendShowsLocksAndAccessesOnlyWhenTheRunHasThem_data()
    {
        QTest::addColumn<bool>("withLocks");
        QTest::addColumn<bool>("withAccesses");
        QTest::newRow("processes only") << false << false;
        QTest::newRow("locks") << true << false;
        QTest::newRow("reads and writes") << false << true;
        QTest::newRow("locks, reads and writes") << true << true;
    }
    void legendShowsLocksAndAccessesOnlyWhenTheRunHasThem()
    {
        QFETCH(bool, withLocks);
        QFETCH(bool, withAccesses);
        const TimelinePalette pal = TimelinePalette::standard();
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        TimelineView view;
        view.resize(kImageSize);
        view.setModel(&model);
        TraceEvents events = baseRun();
        if (withLocks)
            events += lockRun();
        if (withAccesses)
            events += oneLostUpdate();
        model.append(events);
        if (withAccesses)
            addLostUpdates(model);
        LegendFeatures expected;
        expected.locks = withLocks;
        expected.values = withAccesses;
        QCOMPARE(TimelinePainter::featuresOf(model), expected);

        // What the view paints follows the model as it changes.
        const QImage image = renderTimeline(view, kImageSize);
        const TimelineLayout layout = view.layoutFor(QRectF(image.rect()));
        QCOMPARE(layout.features, expected);
        QCOMPARE(longestRun(image, layout.legend, pal.waitLock) >= 20, withLocks);
        QCOMPARE(longestRun(image, layout.legend, pal.holdLock) >= 20, withLocks);
        QCOMPARE(countColour(image, layout.legend, pal.lostUpdateFill) > 0, withAccesses);
        // The entries always there are, whatever the run.
        QVERIFY(longestRun(image, layout.legend, pal.running) >= 20);
        QVERIFY(longestRun(image, layout.legend, pal.sleeping) >= 20);

        // A new run without them takes them away again.
        model.clear();
        model.append(baseRun());
        QCOMPARE(view.layoutFor(QRectF(image.rect())).features, LegendFeatures{});
    }

    void tooltipOverALostUpdateTellsItsStory_data()
    {
        QTest::addColumn<qint64>("pid");
        QTest::addColumn<double>("us");
        QTest::addColumn<double>("pixelOffset");
        QTest::addColumn<bool>("story");
        QTest::addColumn<QString>("detail"); // when not the story
        QTest::newRow("on the lost-update ring") << kTwo << kOverwrite << 0.0 << true << QString();
        QTest::newRow("3 px right of it") << kTwo << kOverwrite << 3.0 << true << QString();
        QTest::newRow("5 px left of it") << kTwo << kOverwrite << -5.0 << true << QString();
        QTest::newRow("on the overwritten write")
            << kThree << kLostWrite << 0.0 << false
            << QStringLiteral("write counter = 42 (write #2)");
        QTest::newRow("on the read the overwrite was based on")
            << kTwo << kRead << 0.0 << false << QStringLiteral("read counter = 41 (write #1)");
    }
    void tooltipOverALostUpdateTellsItsStory()
    {
        QFETCH(qint64, pid);
        QFETCH(double, us);
        QFETCH(double, pixelOffset);
        QFETCH(bool, story);
        QFETCH(QString, detail);
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(baseRun() + oneLostUpdate());
        const QVector<LostUpdate> found = LostUpdates::find(model);
        QCOMPARE(found.size(), 1);
        addLostUpdates(model);
        const auto [image, layout, map] = renderModel(model, kImageSize);
        const int row = model.rowOfPid(pid);
        const QString text = TimelineTooltip::textAt(
            model, layout, map, QPointF(map.toX(us) + pixelOffset, barMiddle(layout, row)));
        const QString head = QStringLiteral("%1 — pid %2, parent pid %3, exit 0")
                                 .arg(model.lane(row).name)
                                 .arg(pid)
                                 .arg(kMain);
        const QString expected = story ? LostUpdates::story(found.first(), model) : detail;
        QCOMPARE(text, head + QLatin1Char('\n') + TimeAxis::formatTime(us, 1000) +
                           QStringLiteral(": ") + expected);
    }

    // The panel lists in time order, whichever lane a lost update or a file
    // write is on (the time leads every line).
    void racePanelListsInTimeOrder()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        // Process-3 overwrites first, Process-2 later: lane order is not time order.
        model.append(baseRun() +
                     raceRun({{kThree, kTwo}, {kTwo, kThree}, {kThree, kTwo}}, 200'000, 20'000));
        const QJsonObject ticket{{"object", "tickets.json"}, {"version", 0}};
        auto fileWrite = [&](double ts, qint64 pid, int value) {
            QJsonObject a = ticket;
            a.insert(QStringLiteral("value"), value);
            return instant(ts, pid, ev::Write, a);
        };
        // Times of one, two and three digits in ms.
        model.append({fileWrite(5'000, kMain, 1), fileWrite(120'000, kTwo, 0),
                      fileWrite(30'000, kThree, 0)});
        const QVector<LostUpdate> found = LostUpdates::find(model);
        QCOMPARE(found.size(), 3);
        addLostUpdates(model);

        TimelineView view;
        view.resize(kImageSize);
        view.setModel(&model);
        RacePanel panel;
        QSignalSpy content(&panel, &RacePanel::contentChanged);
        panel.setTimeline(&view);
        panel.setModel(&model);
        QVERIFY(panel.hasContent());
        QCOMPARE(content.count(), 1);
        QCOMPARE(panel.listedLostUpdates(), 3);
        QStringList expected;
        for (const LostUpdate &u : found)
            expected << listed(u, model);
        QCOMPARE(texts(lostList(&panel)), expected);
        QCOMPARE(texts(filesList(&panel)),
                 (QStringList{QStringLiteral("5 ms  MainProcess wrote tickets.json: 1"),
                              QStringLiteral("30 ms  Process-3 wrote tickets.json: 0"),
                              QStringLiteral("120 ms  Process-2 wrote tickets.json: 0")}));
    }

    // Clicking a lost update zooms to it, also the one that is already current
    // (after the user zoomed out again).
    void clickingALostUpdateZoomsToIt()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        model.append(baseRun() +
                     raceRun({{kTwo, kThree}, {kThree, kTwo}, {kTwo, kThree}}, 200'000, 20'000));
        addLostUpdates(model);
        TimelineView view;
        view.resize(kImageSize);
        view.setModel(&model);
        RacePanel panel;
        panel.setTimeline(&view);
        panel.setModel(&model);
        panel.resize(500, 600);
        QVERIFY(panel.isVisible()); // it shows itself when it has something to say
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QListWidget *list = lostList(&panel);
        QVERIFY(list && list->isVisible());
        QCOMPARE(list->count(), 3);
        view.fitAll(); // focus may have made a line current already
        QVERIFY(view.isFollowing());
        const QVector<LostUpdate> found = LostUpdates::find(model);

        auto click = [&](int row) {
            QListWidgetItem *item = list->item(row);
            list->scrollToItem(item);
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                              list->visualItemRect(item).center());
        };
        auto shows = [&](const LostUpdate &u) {
            const TimelineMapping m = view.mapping();
            return !view.isFollowing() && m.start() <= u.readTs && m.start() <= u.lostTs &&
                   m.end() >= u.overwriterTs && m.span() < 4 * (u.overwriterTs - u.readTs);
        };
        click(1);
        QCOMPARE(list->currentRow(), 1);
        QVERIFY(shows(found[1]));
        view.fitAll();
        QVERIFY(view.isFollowing());
        click(1);
        QVERIFY2(shows(found[1]), "clicking the current lost update again zooms to it again");
        click(2);
        QVERIFY(shows(found[2]));
    }

    // --- Real runs -------------------------------------------------------

    void counterRaceListsEveryLostUpdate()
    {
        LabPage page;
        QAbstractItemModelTester tester(page.model());
        QVERIFY(showLab(page, QStringLiteral("counter-race"), kPageSize));
        setParameters(
            page,
            {{"workers", "2"}, {"increments", "40"}, {"window_us", "2000"}, {"lock", "false"}});
        QCOMPARE(page.form()->values().value(QStringLiteral("lock")), QStringLiteral("false"));
        RacePanel *race = page.racePanel();
        TraceModel *model = page.model();
        QVERIFY(race);
        QVERIFY(!race->isVisible()); // nothing to say before a run

        // Two real processes racing usually lose updates; a run may by chance not.
        QJsonObject summary;
        for (int attempt = 0; attempt < 4; ++attempt) {
            QString why;
            QVERIFY2(runToEnd(page, kRunBoundMs, &why), qPrintable(why));
            summary = model->summary();
            if (summary.value(QStringLiteral("detected_lost_updates")).toInteger() > 0)
                break;
        }
        const qint64 detected = summary.value(QStringLiteral("detected_lost_updates")).toInteger();
        const qint64 expected = summary.value(QStringLiteral("expected")).toInteger();
        const qint64 actual = summary.value(QStringLiteral("actual")).toInteger();
        QVERIFY2(detected > 0, qPrintable(QJsonDocument(summary).toJson()));
        QCOMPARE(expected, 80);
        QCOMPARE(expected - actual, detected);
        QCOMPARE(summary.value(QStringLiteral("lost_updates")).toInteger(), detected);
        QCOMPARE(lostUpdateMarkers(*model), int(detected));

        QVERIFY(race->hasContent());
        QVERIFY(race->isVisible());
        QCOMPARE(race->listedLostUpdates(), int(detected));
        QCOMPARE(headline(race).section(QLatin1Char('\n'), 0, 0),
                 QStringLiteral("expected 80 · got %1").arg(actual));
        QListWidget *list = lostList(race);
        QVERIFY(list && list->isVisible());
        QCOMPARE(list->count(), int(detected));

        // Every line is one lost update of the trace.
        const QVector<LostUpdate> found = LostUpdates::find(*model);
        QCOMPARE(found.size(), int(detected));
        QStringList all;
        for (const LostUpdate &u : found)
            all << listed(u, *model);
        QCOMPARE(texts(list), all);

        // Selecting the first zooms the timeline to it.
        TimelineView *timeline = page.timeline();
        QVERIFY(timeline->isFollowing());
        const TimelineMapping whole = timeline->mapping();
        QVERIFY(whole.end() >= model->endTime());
        list->setCurrentRow(0);
        QVERIFY(!timeline->isFollowing());
        const LostUpdate &first = found.first();
        const TimelineMapping zoomed = timeline->mapping();
        const QString window = QStringLiteral("window %1–%2 µs, lost update read %3, lost %4, "
                                              "overwritten %5, run %6 µs")
                                   .arg(zoomed.start())
                                   .arg(zoomed.end())
                                   .arg(first.readTs)
                                   .arg(first.lostTs)
                                   .arg(first.overwriterTs)
                                   .arg(model->endTime());
        QVERIFY2(zoomed.start() <= first.readTs && zoomed.start() <= first.lostTs &&
                     zoomed.end() >= first.overwriterTs,
                 qPrintable(window));
        QVERIFY2(zoomed.span() * 3 < whole.span(), qPrintable(window));

        // With the lock: nothing lost, and the timeline shows the lock held.
        page.form()->setValue(QStringLiteral("lock"), QStringLiteral("true"));
        QString why;
        QVERIFY2(runToEnd(page, kRunBoundMs, &why), qPrintable(why));
        summary = model->summary();
        QCOMPARE(summary.value(QStringLiteral("expected")).toInteger(), 80);
        QCOMPARE(summary.value(QStringLiteral("actual")).toInteger(), 80);
        QCOMPARE(summary.value(QStringLiteral("detected_lost_updates")).toInteger(), 0);
        QVERIFY(timeline->isFollowing()); // a new run shows it all again
        QVERIFY(race->hasContent());
        QVERIFY(race->isVisible());
        QCOMPARE(race->listedLostUpdates(), 0);
        QVERIFY(!list->isVisible());
        QCOMPARE(headline(race),
                 QStringLiteral("expected 80 · got 80\nNo lost update: every write was based on "
                                "the latest value."));

        const QImage image = timeline->grab().toImage();
        const TimelineLayout layout = timeline->layoutFor(QRectF(timeline->rect()));
        QVERIFY(layout.features.locks && layout.features.values);
        int holding = 0;
        for (int row = 1; row < model->rowCount(); ++row)
            holding += lineHasColour(image, barMiddle(layout, row), layout.lanes.left(),
                                     layout.lanes.right(), TimelinePalette::standard().holdLock)
                           ? 1
                           : 0;
        QCOMPARE(holding, 2); // both workers, each in its own lane
    }

    void ticketRaceListsEveryWriteOfTheFile()
    {
        LabPage page;
        QAbstractItemModelTester tester(page.model());
        QVERIFY(showLab(page, QStringLiteral("ticket-race"), kPageSize));
        setParameters(page, {{"buyers", "3"}, {"read_delay_ms", "30"}, {"write_delay_ms", "30"}});
        QString why;
        QVERIFY2(runToEnd(page, kRunBoundMs, &why), qPrintable(why));
        TraceModel *model = page.model();

        // The trace's writes of the file (unversioned), in time order.
        struct FileWrite
        {
            double t;
            QString text;
        };
        QVector<FileWrite> writes;
        for (int r = 0; r < model->rowCount(); ++r) {
            const Lane &lane = model->lane(r);
            for (const Marker &m : lane.markers())
                if (m.name == ev::Write &&
                    m.args.value(QStringLiteral("version")).toInteger() == 0) {
                    QCOMPARE(m.args.value(QStringLiteral("object")).toString(),
                             QStringLiteral("tickets.json"));
                    writes.push_back(
                        {m.t, QStringLiteral("%1  %2 wrote tickets.json: %3")
                                  .arg(TimeAxis::formatTime(m.t, 1000), lane.name)
                                  .arg(m.args.value(QStringLiteral("value")).toInt())});
                }
        }
        std::stable_sort(writes.begin(), writes.end(),
                         [](const FileWrite &a, const FileWrite &b) { return a.t < b.t; });
        QStringList expected;
        for (const FileWrite &w : writes)
            expected << w.text;
        // MainProcess writes the file first, then at least one buyer.
        QVERIFY2(writes.size() >= 2, qPrintable(expected.join(QLatin1Char('\n'))));
        QVERIFY2(expected.first().contains(QLatin1String("MainProcess wrote tickets.json: 1")),
                 qPrintable(expected.join(QLatin1Char('\n'))));

        RacePanel *race = page.racePanel();
        QVERIFY(race->hasContent());
        QVERIFY(race->isVisible());
        QListWidget *files = filesList(race);
        QVERIFY(files && files->isVisible());
        QCOMPARE(files->count(), writes.size());
        QCOMPARE(texts(files), expected);
        // A file has no versions: nothing is analysed as a lost update.
        QCOMPARE(race->listedLostUpdates(), 0);
        QVERIFY(!lostList(race)->isVisible());
        const QJsonObject s = model->summary();
        QCOMPARE(headline(race), QStringLiteral("1 ticket(s) · %1 sold")
                                     .arg(s.value(QStringLiteral("successes")).toInteger()));
    }

    void labWithoutSharedStateHidesThePanel()
    {
        LabPage page;
        QAbstractItemModelTester tester(page.model());
        QVERIFY(showLab(page, QStringLiteral("counter-race"), kPageSize));
        RacePanel *race = page.racePanel();
        setParameters(page, {{"workers", "2"}, {"increments", "5"}});
        QString why;
        QVERIFY2(runToEnd(page, kRunBoundMs, &why), qPrintable(why));
        QVERIFY(race->isVisible());

        QSignalSpy content(race, &RacePanel::contentChanged);
        page.setLab(QStringLiteral("join"));
        setParameters(page, {{"n", "1"}, {"work_ms", "10"}});
        QVERIFY2(runToEnd(page, kRunBoundMs, &why), qPrintable(why));
        QCOMPARE(page.model()->rowCount(), 2);
        QVERIFY(!race->hasContent());
        QVERIFY(!race->isVisible());
        QVERIFY(!content.isEmpty());
        QCOMPARE(content.last().first().toBool(), false);
        QCOMPARE(race->listedLostUpdates(), 0);
        // No lock, value or queue entries (sampled /proc states may be there).
        const LegendFeatures f = TimelinePainter::featuresOf(*page.model());
        QVERIFY(!f.locks && !f.values && !f.queues);
    }
};

QTEST_MAIN(TestRaceView)
#include "tst_raceview.moc"
