// TraceModel: lanes, derived intervals/markers/flows and the model signals,
// fed with hand-built TraceEvents (no processes).

#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>

using namespace proclab;

Q_DECLARE_METATYPE(proclab::TraceEvents)

namespace {

constexpr qint64 kMain = 100;
constexpr qint64 kChild1 = 201;
constexpr qint64 kChild2 = 202;

TraceEvent meta(qint64 pid, const QString &name, bool isMain = false, qint64 ppid = 0)
{
    return TraceEvent{0,
                      pid,
                      TraceEvent::Meta,
                      ev::ProcessName,
                      QJsonObject{{QStringLiteral("name"), name},
                                  {QStringLiteral("ppid"), ppid},
                                  {QStringLiteral("main"), isMain}},
                      0};
}

TraceEvent at(TraceEvent::Phase ph, double ts, qint64 pid, const QString &name,
              const QJsonObject &args = {})
{
    return TraceEvent{ts, pid, ph, name, args, 0};
}

TraceEvent begin(double ts, qint64 pid, const QString &name, const QJsonObject &args = {})
{
    return at(TraceEvent::Begin, ts, pid, name, args);
}

TraceEvent end(double ts, qint64 pid, const QString &name, const QJsonObject &args = {})
{
    return at(TraceEvent::End, ts, pid, name, args);
}

TraceEvent instant(double ts, qint64 pid, const QString &name, const QJsonObject &args = {})
{
    return at(TraceEvent::Instant, ts, pid, name, args);
}

TraceEvent complete(double ts, double dur, qint64 pid, const QString &name)
{
    return TraceEvent{ts, pid, TraceEvent::Complete, name, {}, 0, dur};
}

TraceEvent flow(TraceEvent::Phase ph, double ts, qint64 pid, qint64 id)
{
    return TraceEvent{ts, pid, ph, ev::Start, {}, id};
}

TraceEvent exitWith(double ts, qint64 pid, int code)
{
    return instant(ts, pid, ev::Exit, {{QStringLiteral("exitcode"), code}});
}

QString num(double v)
{
    return QString::number(v, 'g', 12);
}

// "running 0..10 d0"; an open interval reads "running 0.. d0".
QStringList describe(const QVector<Interval> &intervals)
{
    QStringList out;
    for (const Interval &iv : intervals)
        out << QStringLiteral("%1 %2..%3 d%4")
                   .arg(iv.name, num(iv.t0), iv.open() ? QString() : num(iv.t1))
                   .arg(iv.depth);
    return out;
}

QStringList describe(const QVector<Marker> &markers)
{
    QStringList out;
    for (const Marker &m : markers)
        out << QStringLiteral("%1@%2").arg(m.name, num(m.t));
    return out;
}

QString describe(const Flow &f)
{
    return QStringLiteral("%1 #%2 %3@%4 -> %5@%6")
        .arg(f.name)
        .arg(f.id)
        .arg(f.fromPid)
        .arg(num(f.fromTs))
        .arg(f.toPid)
        .arg(f.toTs < 0 ? QStringLiteral("?") : num(f.toTs));
}

// Everything derived, independent of row order and of the order flows were
// first seen in: two models that agree on this show the same timeline.
QStringList describeModel(const TraceModel &model)
{
    QStringList out;
    QList<qint64> pids;
    for (int r = 0; r < model.rowCount(); ++r)
        pids << model.lane(r).pid;
    std::sort(pids.begin(), pids.end());
    for (qint64 pid : std::as_const(pids)) {
        const Lane &l = model.lane(model.rowOfPid(pid));
        out << QStringLiteral("%1 lane %2 exit=%3 reaped=%4")
                   .arg(pid)
                   .arg(l.name)
                   .arg(l.exitcode ? QString::number(*l.exitcode) : QStringLiteral("-"))
                   .arg(l.reaped);
        for (const QString &s : describe(l.intervals()))
            out << QStringLiteral("%1 %2").arg(pid).arg(s);
        for (const QString &s : describe(l.markers()))
            out << QStringLiteral("%1 !%2").arg(pid).arg(s);
    }
    QStringList flows;
    for (const Flow &f : model.flows())
        flows << describe(f);
    flows.sort();
    out += flows;
    return out;
}

QList<qint64> pidsInRowOrder(const TraceModel &model)
{
    QList<qint64> out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.data(model.index(r), TraceModel::PidRole).toLongLong();
    return out;
}

QStringList namesInRowOrder(const TraceModel &model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.data(model.index(r), TraceModel::NameRole).toString();
    return out;
}

// A short run: main starts two children, joins the first, the second is
// terminated while sleeping; every lane has a name.
TraceEvents sampleRun()
{
    return {meta(kMain, QStringLiteral("MainProcess"), true),
            begin(0, kMain, ev::Running),
            instant(1, kMain, ev::Start, {{QStringLiteral("child_pid"), kChild1}}),
            flow(TraceEvent::FlowStart, 1, kMain, kChild1),
            meta(kChild1, QStringLiteral("Process-1"), false, kMain),
            begin(2, kChild1, ev::Running),
            flow(TraceEvent::FlowEnd, 2, kChild1, kChild1),
            instant(3, kMain, ev::Start, {{QStringLiteral("child_pid"), kChild2}}),
            flow(TraceEvent::FlowStart, 3, kMain, kChild2),
            meta(kChild2, QStringLiteral("Process-2"), false, kMain),
            begin(4, kChild2, ev::Running),
            flow(TraceEvent::FlowEnd, 4, kChild2, kChild2),
            begin(5, kChild2, ev::Sleep),
            begin(6, kMain, ev::Join, {{QStringLiteral("target_pid"), kChild1}}),
            exitWith(7, kChild1, 0),
            end(7, kChild1, ev::Running),
            begin(7, kChild1, ev::Zombie),
            end(8, kChild1, ev::Zombie),
            instant(8, kChild1, ev::Reaped),
            end(8, kMain, ev::Join, {{QStringLiteral("returned_alive"), false}}),
            instant(9, kMain, ev::Terminate, {{QStringLiteral("target_pid"), kChild2}}),
            exitWith(10, kChild2, -15),
            end(10, kChild2, ev::Running),
            begin(10, kChild2, ev::Zombie),
            end(11, kMain, ev::Running)};
}

} // namespace

class TestTraceModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lanes_data();
    void lanes();
    void laneAttributesFromMeta();
    void intervals_data();
    void intervals();
    void endArgsMergeIntoInterval();
    void markers_data();
    void markers();
    void flows_data();
    void flows();
    void batchOrderDoesNotMatter_data();
    void batchOrderDoesNotMatter();
    void eventCountAndEndTime_data();
    void eventCountAndEndTime();
    void liveNow();
    void clearForgetsEverything();
    void changedAfterEveryAppend();
    void rowsInsertedOnNewLaneOnly();
    void mainMoveIsAnnounced();
    void dataChangedOnlyForTouchedLanes();
    void allEventsRebuildTheSameModel();
    void blockSummariesFollowClosingIntervals();
};

void TestTraceModel::lanes_data()
{
    QTest::addColumn<QList<TraceEvents>>("batches");
    QTest::addColumn<QList<qint64>>("pids");
    QTest::addColumn<QStringList>("names");

    QTest::newRow("one row per pid in order of appearance")
        << QList<TraceEvents>{{instant(1, 300, ev::Stdout), instant(2, 100, ev::Stdout),
                               instant(3, 300, ev::Stdout), instant(4, 200, ev::Stdout)}}
        << QList<qint64>{300, 100, 200}
        << QStringList{QStringLiteral("pid 300"), QStringLiteral("pid 100"),
                       QStringLiteral("pid 200")};
    QTest::newRow("names from process_name meta")
        << QList<TraceEvents>{{meta(kChild1, QStringLiteral("Process-1")),
                               instant(1, kChild2, ev::Stdout),
                               meta(kChild2, QStringLiteral("Worker"))}}
        << QList<qint64>{kChild1, kChild2}
        << QStringList{QStringLiteral("Process-1"), QStringLiteral("Worker")};
    QTest::newRow("main appearing last is moved to row 0")
        << QList<TraceEvents>{{instant(1, kChild1, ev::Stdout), instant(2, kChild2, ev::Stdout),
                               meta(kMain, QStringLiteral("MainProcess"), true)}}
        << QList<qint64>{kMain, kChild1, kChild2}
        << QStringList{QStringLiteral("MainProcess"), QStringLiteral("pid 201"),
                       QStringLiteral("pid 202")};
    QTest::newRow("main lane named in a later batch is moved to row 0")
        << QList<TraceEvents>{{instant(1, kChild1, ev::Stdout), instant(2, kMain, ev::Stdout),
                               instant(3, kChild2, ev::Stdout)},
                              {meta(kMain, QStringLiteral("MainProcess"), true)}}
        << QList<qint64>{kMain, kChild1, kChild2}
        << QStringList{QStringLiteral("MainProcess"), QStringLiteral("pid 201"),
                       QStringLiteral("pid 202")};
    QTest::newRow("process_name without main:true stays in place")
        << QList<TraceEvents>{{instant(1, kChild1, ev::Stdout),
                               meta(kMain, QStringLiteral("MainProcess"), false)}}
        << QList<qint64>{kChild1, kMain}
        << QStringList{QStringLiteral("pid 201"), QStringLiteral("MainProcess")};
    QTest::newRow("a later meta without main keeps the lane main")
        << QList<TraceEvents>{{instant(1, kChild1, ev::Stdout),
                               meta(kMain, QStringLiteral("MainProcess"), true)},
                              {TraceEvent{0,
                                          kMain,
                                          TraceEvent::Meta,
                                          ev::ProcessName,
                                          {{QStringLiteral("name"), QStringLiteral("Main")}},
                                          0},
                               instant(2, kChild2, ev::Stdout)}}
        << QList<qint64>{kMain, kChild1, kChild2}
        << QStringList{QStringLiteral("Main"), QStringLiteral("pid 201"),
                       QStringLiteral("pid 202")};
}

void TestTraceModel::lanes()
{
    QFETCH(QList<TraceEvents>, batches);
    QFETCH(QList<qint64>, pids);
    QFETCH(QStringList, names);

    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const TraceEvents &b : std::as_const(batches))
        model.append(b);

    QCOMPARE(model.rowCount(), pids.size());
    QCOMPARE(pidsInRowOrder(model), pids);
    QCOMPARE(namesInRowOrder(model), names);
    for (int r = 0; r < pids.size(); ++r) {
        QCOMPARE(model.rowOfPid(pids[r]), r);
        QCOMPARE(model.lane(r).pid, pids[r]);
        QCOMPARE(model.laneName(pids[r]), names[r]);
        QCOMPARE(model.data(model.index(r), Qt::DisplayRole).toString(),
                 QStringLiteral("%1 (%2)").arg(names[r]).arg(pids[r]));
    }
    QCOMPARE(model.rowOfPid(999), -1);
    QCOMPARE(model.laneName(999), QStringLiteral("pid 999"));
}

void TestTraceModel::laneAttributesFromMeta()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append({meta(kMain, QStringLiteral("MainProcess"), true),
                  TraceEvent{0,
                             kChild1,
                             TraceEvent::Meta,
                             ev::ProcessName,
                             {{QStringLiteral("name"), QStringLiteral("Process-1")},
                              {QStringLiteral("ppid"), kMain},
                              {QStringLiteral("daemon"), true},
                              {QStringLiteral("spawned"), true}},
                             0}});
    const QModelIndex mainIdx = model.index(0);
    const QModelIndex childIdx = model.index(1);
    QCOMPARE(model.data(mainIdx, TraceModel::IsMainRole).toBool(), true);
    QCOMPARE(model.data(mainIdx, TraceModel::DaemonRole).toBool(), false);
    QCOMPARE(model.data(childIdx, TraceModel::IsMainRole).toBool(), false);
    QCOMPARE(model.data(childIdx, TraceModel::DaemonRole).toBool(), true);
    QCOMPARE(model.data(childIdx, TraceModel::PpidRole).toLongLong(), kMain);
    QCOMPARE(model.lane(1).spawned, true);
    QCOMPARE(model.lane(0).spawned, false);
    // Unknown until an exit marker arrives.
    QVERIFY(!model.data(childIdx, TraceModel::ExitCodeRole).isValid());
    QCOMPARE(model.data(childIdx, TraceModel::ReapedRole).toBool(), false);

    const auto roles = model.roleNames();
    QCOMPARE(roles.value(TraceModel::PidRole), QByteArray("pid"));
    QCOMPARE(roles.value(TraceModel::NameRole), QByteArray("name"));
    QCOMPARE(roles.value(TraceModel::ExitCodeRole), QByteArray("exitcode"));
    QCOMPARE(roles.value(TraceModel::IsMainRole), QByteArray("isMain"));
    QCOMPARE(roles.value(Qt::DisplayRole), QByteArray("display"));
}

void TestTraceModel::intervals_data()
{
    QTest::addColumn<TraceEvents>("events");
    QTest::addColumn<QStringList>("expected");
    const qint64 p = kChild1;

    QTest::newRow("begin/end pair")
        << TraceEvents{begin(0, p, ev::Running), end(10, p, ev::Running)}
        << QStringList{QStringLiteral("running 0..10 d0")};
    QTest::newRow("open interval of a live run")
        << TraceEvents{begin(3, p, ev::Running)} << QStringList{QStringLiteral("running 3.. d0")};
    QTest::newRow("sleep nested in running")
        << TraceEvents{begin(0, p, ev::Running), begin(2, p, ev::Sleep), end(5, p, ev::Sleep),
                       end(10, p, ev::Running)}
        << QStringList{QStringLiteral("running 0..10 d0"), QStringLiteral("sleep 2..5 d1")};
    QTest::newRow("open sleep inside open running")
        << TraceEvents{begin(0, p, ev::Running), begin(2, p, ev::Sleep)}
        << QStringList{QStringLiteral("running 0.. d0"), QStringLiteral("sleep 2.. d1")};
    QTest::newRow("end closes the innermost interval of its name")
        << TraceEvents{begin(0, p, ev::Running), begin(1, p, ev::Sleep), begin(2, p, ev::Sleep),
                       end(3, p, ev::Sleep)}
        << QStringList{QStringLiteral("running 0.. d0"), QStringLiteral("sleep 1.. d1"),
                       QStringLiteral("sleep 2..3 d2")};
    QTest::newRow("died while sleeping: end running closes the sleep too")
        << TraceEvents{begin(0, p, ev::Running), begin(2, p, ev::Sleep), begin(3, p, ev::Join),
                       end(6, p, ev::Running)}
        << QStringList{QStringLiteral("running 0..6 d0"), QStringLiteral("sleep 2..6 d1"),
                       QStringLiteral("join 3..6 d2")};
    QTest::newRow("end closes only what was opened inside its interval")
        << TraceEvents{begin(0, p, ev::Running), begin(1, p, ev::Join), begin(2, p, ev::Sleep),
                       end(4, p, ev::Sleep)}
        << QStringList{QStringLiteral("running 0.. d0"), QStringLiteral("join 1.. d1"),
                       QStringLiteral("sleep 2..4 d2")};
    QTest::newRow("end without a begin is ignored")
        << TraceEvents{begin(0, p, ev::Running), end(3, p, ev::Sleep), end(5, p, ev::Running)}
        << QStringList{QStringLiteral("running 0..5 d0")};
    QTest::newRow("end of another name leaves everything open")
        << TraceEvents{begin(0, p, ev::Running), begin(1, p, ev::Sleep), end(2, p, ev::Join)}
        << QStringList{QStringLiteral("running 0.. d0"), QStringLiteral("sleep 1.. d1")};
    QTest::newRow("zombie after running is not nested")
        << TraceEvents{begin(0, p, ev::Running), end(10, p, ev::Running), begin(10, p, ev::Zombie),
                       end(12, p, ev::Zombie)}
        << QStringList{QStringLiteral("running 0..10 d0"), QStringLiteral("zombie 10..12 d0")};
    QTest::newRow("events given out of time order are sorted")
        << TraceEvents{end(5, p, ev::Sleep), end(10, p, ev::Running), begin(2, p, ev::Sleep),
                       begin(0, p, ev::Running)}
        << QStringList{QStringLiteral("running 0..10 d0"), QStringLiteral("sleep 2..5 d1")};
    QTest::newRow("complete events nest by time")
        << TraceEvents{complete(0, 10, p, ev::Running), complete(2, 3, p, ev::Sleep),
                       complete(10, 2, p, ev::Zombie)}
        << QStringList{QStringLiteral("running 0..10 d0"), QStringLiteral("sleep 2..5 d1"),
                       QStringLiteral("zombie 10..12 d0")};
    QTest::newRow("complete inner given first")
        << TraceEvents{complete(2, 3, p, ev::Sleep), complete(0, 10, p, ev::Running)}
        << QStringList{QStringLiteral("running 0..10 d0"), QStringLiteral("sleep 2..5 d1")};
    QTest::newRow("same start: the longer interval is outer")
        << TraceEvents{complete(0, 4, p, ev::Join), complete(0, 10, p, ev::Running)}
        << QStringList{QStringLiteral("running 0..10 d0"), QStringLiteral("join 0..4 d1")};
    QTest::newRow("complete with negative dur has zero length")
        << TraceEvents{complete(0, 10, p, ev::Running), complete(5, -3, p, ev::Sleep)}
        << QStringList{QStringLiteral("running 0..10 d0"), QStringLiteral("sleep 5..5 d1")};
    // Read back from JSON: ts + (t1 - ts) is an ulp past t1 for these times.
    QTest::newRow("end an ulp past the next start does not nest")
        << TraceEvents{complete(416048.533, 994456.019 - 416048.533, p, ev::Running),
                       complete(994456.019, 10, p, ev::Zombie)}
        << QStringList{QStringLiteral("running 416048.533..994456.019 d0"),
                       QStringLiteral("zombie 994456.019..994466.019 d0")};
    QTest::newRow("siblings at one depth")
        << TraceEvents{complete(0, 10, p, ev::Running), complete(1, 2, p, ev::Sleep),
                       complete(3, 2, p, ev::Sleep), complete(5, 1, p, ev::Join)}
        << QStringList{QStringLiteral("running 0..10 d0"), QStringLiteral("sleep 1..3 d1"),
                       QStringLiteral("sleep 3..5 d1"), QStringLiteral("join 5..6 d1")};
    QTest::newRow("live begin/end nests like complete")
        << TraceEvents{complete(0, 10, p, ev::Running), begin(2, p, ev::Sleep),
                       end(4, p, ev::Sleep)}
        << QStringList{QStringLiteral("running 0..10 d0"), QStringLiteral("sleep 2..4 d1")};
}

void TestTraceModel::intervals()
{
    QFETCH(TraceEvents, events);
    QFETCH(QStringList, expected);

    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(events);
    QCOMPARE(model.rowCount(), 1);
    const Lane &l = model.lane(0);
    QCOMPARE(describe(l.intervals()), expected);
    for (const Interval &iv : l.intervals())
        QCOMPARE(iv.open(), iv.t1 < 0);
    QVERIFY(l.markers().isEmpty());
}

void TestTraceModel::endArgsMergeIntoInterval()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append({begin(0, kMain, ev::Running),
                  begin(1, kMain, ev::Join,
                        {{QStringLiteral("target"), QStringLiteral("Process-1")},
                         {QStringLiteral("timeout"), QJsonValue()}}),
                  end(5, kMain, ev::Running, {{QStringLiteral("returned_alive"), true}})});
    const Lane &l = model.lane(0);
    QCOMPARE(l.intervals().size(), 2);
    const Interval &join = l.intervals()[1];
    QCOMPARE(join.name, ev::Join);
    // Closed by "end running" but it is not the join's own End: its args stay as they were.
    QCOMPARE(join.args, (QJsonObject{{QStringLiteral("target"), QStringLiteral("Process-1")},
                                     {QStringLiteral("timeout"), QJsonValue()}}));
    QCOMPARE(l.intervals()[0].args, (QJsonObject{{QStringLiteral("returned_alive"), true}}));

    model.clear();
    model.append({begin(1, kMain, ev::Join, {{QStringLiteral("target"), QStringLiteral("P")}}),
                  end(2, kMain, ev::Join, {{QStringLiteral("returned_alive"), false}})});
    QCOMPARE(model.lane(0).intervals().value(0).args,
             (QJsonObject{{QStringLiteral("target"), QStringLiteral("P")},
                          {QStringLiteral("returned_alive"), false}}));
}

void TestTraceModel::markers_data()
{
    QTest::addColumn<TraceEvents>("events");
    QTest::addColumn<QStringList>("markers");
    QTest::addColumn<QVariant>("exitcode"); // invalid: unknown
    QTest::addColumn<bool>("reaped");
    const qint64 p = kChild1;

    QTest::newRow("running, no exit yet")
        << TraceEvents{begin(0, p, ev::Running), instant(1, p, ev::Stdout)}
        << QStringList{QStringLiteral("stdout@1")} << QVariant() << false;
    QTest::newRow("exit 0, not yet reaped")
        << TraceEvents{begin(0, p, ev::Running), exitWith(4, p, 0)}
        << QStringList{QStringLiteral("exit@4")} << QVariant(0) << false;
    QTest::newRow("terminated -15 and reaped")
        << TraceEvents{exitWith(4, p, -15), instant(6, p, ev::Reaped)}
        << QStringList{QStringLiteral("exit@4"), QStringLiteral("reaped@6")} << QVariant(-15)
        << true;
    QTest::newRow("exit code 3") << TraceEvents{exitWith(2, p, 3)}
                                 << QStringList{QStringLiteral("exit@2")} << QVariant(3) << false;
    QTest::newRow("markers in time order whatever the arrival")
        << TraceEvents{instant(6, p, ev::Reaped), exitWith(4, p, 1),
                       instant(1, p, ev::Start, {{QStringLiteral("child_pid"), 300}})}
        << QStringList{QStringLiteral("start@1"), QStringLiteral("exit@4"),
                       QStringLiteral("reaped@6")}
        << QVariant(1) << true;
}

void TestTraceModel::markers()
{
    QFETCH(TraceEvents, events);
    QFETCH(QStringList, markers);
    QFETCH(QVariant, exitcode);
    QFETCH(bool, reaped);

    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(events);
    const Lane &l = model.lane(0);
    QCOMPARE(describe(l.markers()), markers);
    QCOMPARE(l.exitcode.has_value(), exitcode.isValid());
    if (exitcode.isValid())
        QCOMPARE(*l.exitcode, exitcode.toInt());
    QCOMPARE(l.reaped, reaped);
    QCOMPARE(model.data(model.index(0), TraceModel::ExitCodeRole), exitcode);
    QCOMPARE(model.data(model.index(0), TraceModel::ReapedRole).toBool(), reaped);
}

void TestTraceModel::flows_data()
{
    QTest::addColumn<QList<TraceEvents>>("batches");
    QTest::addColumn<QStringList>("flows"); // in order of first sight of each id

    const TraceEvent s1 = flow(TraceEvent::FlowStart, 1, kMain, kChild1);
    const TraceEvent f1 = flow(TraceEvent::FlowEnd, 2, kChild1, kChild1);
    const TraceEvent s2 = flow(TraceEvent::FlowStart, 3, kMain, kChild2);
    const TraceEvent f2 = flow(TraceEvent::FlowEnd, 4, kChild2, kChild2);

    QTest::newRow("start then finish")
        << QList<TraceEvents>{{s1, f1}} << QStringList{QStringLiteral("start #201 100@1 -> 201@2")};
    QTest::newRow("finish arrives in an earlier batch than its start")
        << QList<TraceEvents>{{f1}, {s1}}
        << QStringList{QStringLiteral("start #201 100@1 -> 201@2")};
    QTest::newRow("two flows paired by id, interleaved")
        << QList<TraceEvents>{{s1, s2}, {f2, f1}}
        << QStringList{QStringLiteral("start #201 100@1 -> 201@2"),
                       QStringLiteral("start #202 100@3 -> 202@4")};
    QTest::newRow("finish still unknown")
        << QList<TraceEvents>{{s1}} << QStringList{QStringLiteral("start #201 100@1 -> 0@?")};
}

void TestTraceModel::flows()
{
    QFETCH(QList<TraceEvents>, batches);
    QFETCH(QStringList, flows);

    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const TraceEvents &b : std::as_const(batches))
        model.append(b);
    QStringList got;
    for (const Flow &f : model.flows())
        got << describe(f);
    QCOMPARE(got, flows);
}

void TestTraceModel::batchOrderDoesNotMatter_data()
{
    QTest::addColumn<TraceEvents>("first");
    QTest::addColumn<TraceEvents>("second");

    const TraceEvents run = sampleRun();
    // Split by lane: children's batch may be drained before main's.
    TraceEvents mainEvents, childEvents;
    for (const TraceEvent &e : run)
        (e.pid == kMain ? mainEvents : childEvents).push_back(e);
    QTest::newRow("children's batch before main's") << childEvents << mainEvents;

    // Split by time: the later half (ends, exits, reaps) first.
    QTest::newRow("later half first") << run.mid(0, run.size() / 2) << run.mid(run.size() / 2);

    // Alternate batches so each End may land before its Begin. Events of one
    // lane at one time come from one record (exit = exit, end running, begin
    // zombie) and are never split: their order is all that tells them apart.
    TraceEvents even, odd;
    bool toEven = true;
    for (qsizetype i = 0; i < run.size(); ++i) {
        if (i > 0 && (run[i].pid != run[i - 1].pid || run[i].ts != run[i - 1].ts))
            toEven = !toEven;
        (toEven ? even : odd).push_back(run[i]);
    }
    QTest::newRow("alternating records") << even << odd;

    QTest::newRow("flows finished before they start")
        << TraceEvents{flow(TraceEvent::FlowEnd, 2, kChild1, kChild1),
                       flow(TraceEvent::FlowEnd, 4, kChild2, kChild2), end(9, kChild1, ev::Running)}
        << TraceEvents{flow(TraceEvent::FlowStart, 1, kMain, kChild1),
                       flow(TraceEvent::FlowStart, 3, kMain, kChild2),
                       begin(1.5, kChild1, ev::Running)};
}

void TestTraceModel::batchOrderDoesNotMatter()
{
    QFETCH(TraceEvents, first);
    QFETCH(TraceEvents, second);

    TraceModel inOrder;
    QAbstractItemModelTester t1(&inOrder, QAbstractItemModelTester::FailureReportingMode::QtTest);
    inOrder.append(first);
    inOrder.append(second);

    TraceModel swapped;
    QAbstractItemModelTester t2(&swapped, QAbstractItemModelTester::FailureReportingMode::QtTest);
    swapped.append(second);
    swapped.append(first);

    TraceModel oneBatch;
    QAbstractItemModelTester t3(&oneBatch, QAbstractItemModelTester::FailureReportingMode::QtTest);
    oneBatch.append(first + second);

    const QStringList expected = describeModel(oneBatch);
    QVERIFY(!expected.isEmpty());
    QCOMPARE(describeModel(inOrder), expected);
    QCOMPARE(describeModel(swapped), expected);
    QCOMPARE(swapped.eventCount(), oneBatch.eventCount());
    QCOMPARE(swapped.endTime(), oneBatch.endTime());
    QCOMPARE(swapped.flows().size(), oneBatch.flows().size());
}

void TestTraceModel::eventCountAndEndTime_data()
{
    QTest::addColumn<QList<TraceEvents>>("batches");
    QTest::addColumn<int>("eventCount");
    QTest::addColumn<double>("endTime");

    QTest::newRow("empty") << QList<TraceEvents>{} << 0 << 0.0;
    QTest::newRow("meta events are not counted")
        << QList<TraceEvents>{{meta(kMain, QStringLiteral("MainProcess"), true),
                               meta(kChild1, QStringLiteral("Process-1"))}}
        << 0 << 0.0;
    QTest::newRow("every other phase counts")
        << QList<TraceEvents>{{begin(1, kMain, ev::Running), end(2, kMain, ev::Running),
                               complete(3, 4, kMain, ev::Sleep), instant(5, kMain, ev::Stdout),
                               at(TraceEvent::Counter, 6, kMain, QStringLiteral("cpu")),
                               flow(TraceEvent::FlowStart, 7, kMain, 1),
                               flow(TraceEvent::FlowEnd, 8, kChild1, 1)}}
        << 7 << 8.0;
    QTest::newRow("latest event across lanes, appended first")
        << QList<TraceEvents>{{instant(42.5, kChild2, ev::Exit)},
                              {instant(3, kMain, ev::Stdout), instant(7, kChild1, ev::Stdout)}}
        << 3 << 42.5;
    QTest::newRow("sample run") << QList<TraceEvents>{sampleRun()} << 22 << 11.0;
}

void TestTraceModel::eventCountAndEndTime()
{
    QFETCH(QList<TraceEvents>, batches);
    QFETCH(int, eventCount);
    QFETCH(double, endTime);

    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const TraceEvents &b : std::as_const(batches))
        model.append(b);
    QCOMPARE(model.eventCount(), eventCount);
    QCOMPARE(model.endTime(), endTime);
    QCOMPARE(model.now(), endTime); // not live: "now" is the last event
}

void TestTraceModel::liveNow()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append({begin(0, kMain, ev::Running), instant(20, kMain, ev::Stdout)});
    model.setLiveNow(50);
    QCOMPARE(model.now(), 20.0); // not live: the clock is ignored
    model.setLive(true);
    QVERIFY(model.isLive());
    QCOMPARE(model.now(), 50.0);
    model.setLiveNow(10); // clock behind the last event: never draw before it
    QCOMPARE(model.now(), 20.0);
    QCOMPARE(model.lane(0).intervals().value(0).endOr(model.now()), 20.0);
}

void TestTraceModel::clearForgetsEverything()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRunInfo(QStringLiteral("join"), {{QStringLiteral("children"), 3}});
    model.append(sampleRun());
    model.setSummary({{QStringLiteral("ok"), true}});
    model.setRunStatus(QStringLiteral("finished"));
    model.setLive(true);
    model.setLiveNow(99);
    QCOMPARE(model.rowCount(), 3);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &TraceModel::changed);
    model.clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.eventCount(), 0);
    QCOMPARE(model.endTime(), 0.0);
    QCOMPARE(model.now(), 0.0);
    QVERIFY(!model.isLive());
    QVERIFY(model.flows().isEmpty());
    QVERIFY(model.allEvents().isEmpty());
    QVERIFY(model.labId().isEmpty());
    QVERIFY(model.params().isEmpty());
    QVERIFY(model.summary().isEmpty());
    QVERIFY(model.runStatus().isEmpty());
    QCOMPARE(model.rowOfPid(kMain), -1);

    // A fresh run in the same model starts from scratch: no stale rows or flows.
    model.append({instant(1, kChild2, ev::Stdout), meta(kMain, QStringLiteral("MainProcess"), true),
                  flow(TraceEvent::FlowStart, 2, kMain, kChild1)});
    QCOMPARE(pidsInRowOrder(model), (QList<qint64>{kMain, kChild2}));
    QCOMPARE(model.flows().size(), 1);
    QCOMPARE(model.flows().first().toTs, -1.0);
    QCOMPARE(model.eventCount(), 2);
}

void TestTraceModel::changedAfterEveryAppend()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &TraceModel::changed);
    model.append({});
    QCOMPARE(changed.count(), 0); // nothing to repaint
    model.append({begin(0, kMain, ev::Running)});
    QCOMPARE(changed.count(), 1);
    model.append({end(1, kMain, ev::Running), instant(1, kChild1, ev::Stdout)});
    QCOMPARE(changed.count(), 2);
    model.setSummary({{QStringLiteral("n"), 1}});
    QCOMPARE(changed.count(), 3);
    model.setRunStatus(QStringLiteral("stopped"));
    QCOMPARE(changed.count(), 4);
    QCOMPARE(model.runStatus(), QStringLiteral("stopped"));
    model.setLiveNow(5);
    QCOMPARE(changed.count(), 5);
}

void TestTraceModel::rowsInsertedOnNewLaneOnly()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.append({begin(0, kMain, ev::Running), instant(1, kMain, ev::Stdout)});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 0);

    model.append({instant(2, kMain, ev::Stdout), begin(2, kChild1, ev::Running),
                  begin(3, kChild2, ev::Running), end(4, kChild1, ev::Running)});
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(inserted.at(1).at(1).toInt(), 1);
    QCOMPARE(inserted.at(2).at(1).toInt(), 2);

    model.append({end(5, kChild2, ev::Running)});
    QCOMPARE(inserted.count(), 3);
}

void TestTraceModel::mainMoveIsAnnounced()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append({begin(1, kChild1, ev::Running), begin(0, kMain, ev::Running)});
    QCOMPARE(pidsInRowOrder(model), (QList<qint64>{kChild1, kMain}));

    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.append({meta(kMain, QStringLiteral("MainProcess"), true)});
    QCOMPARE(moved.count(), 1);
    QCOMPARE(moved.at(0).at(1).toInt(), 1); // start
    QCOMPARE(moved.at(0).at(4).toInt(), 0); // destination row
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(pidsInRowOrder(model), (QList<qint64>{kMain, kChild1}));
    // Derived data moved with its lane.
    QCOMPARE(describe(model.lane(0).intervals()), QStringList{QStringLiteral("running 0.. d0")});
    QCOMPARE(describe(model.lane(1).intervals()), QStringList{QStringLiteral("running 1.. d0")});

    // Already first: no second move.
    model.append({meta(kMain, QStringLiteral("MainProcess"), true)});
    QCOMPARE(moved.count(), 1);
}

void TestTraceModel::dataChangedOnlyForTouchedLanes()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append({begin(0, kMain, ev::Running), begin(1, kChild1, ev::Running),
                  begin(2, kChild2, ev::Running)});
    QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
    model.append({exitWith(3, kChild1, 0)});
    QCOMPARE(dataChanged.count(), 1);
    const QModelIndex topLeft = dataChanged.at(0).at(0).value<QModelIndex>();
    QCOMPARE(topLeft.row(), 1);
    QCOMPARE(model.data(topLeft, TraceModel::ExitCodeRole), QVariant(0));
}

void TestTraceModel::allEventsRebuildTheSameModel()
{
    TraceModel model;
    QAbstractItemModelTester t1(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(sampleRun());
    const TraceEvents all = model.allEvents();
    QCOMPARE(all.size(), model.eventCount() + model.rowCount());
    QCOMPARE(all.first().ph, TraceEvent::Meta);
    QCOMPARE(all.first().pid, kMain);

    TraceModel copy;
    QAbstractItemModelTester t2(&copy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    copy.append(all);
    QCOMPARE(describeModel(copy), describeModel(model));
    QCOMPARE(pidsInRowOrder(copy), pidsInRowOrder(model));
    QCOMPARE(copy.eventCount(), model.eventCount());
}

// The store's per-64-row summaries (what the timeline's level of detail
// reads instead of rows) stay exact while intervals open and close, with
// snapshots taken in between (closing an interval updates the summary
// without reading the block again).
void TestTraceModel::blockSummariesFollowClosingIntervals()
{
    EventStore store;
    double t = 10;
    QVector<StoreSnapshot> kept;
    store.begin(kMain, 0, EventKind::Running);
    for (int i = 0; i < 3000; ++i) {
        store.begin(kMain, t, i % 7 == 0 ? EventKind::WaitLock : EventKind::HoldLock);
        if (i % 5 == 0)
            store.begin(kMain, t + 1, EventKind::Sleep); // depth 2, closed with its parent
        store.instant(kMain, t + 2, EventKind::Read);
        if (i % 5 != 0 || i % 2 == 0)
            store.end(kMain, t + 3 + (i % 13), i % 7 == 0 ? EventKind::WaitLock : EventKind::HoldLock);
        else
            store.end(kMain, t + 3, EventKind::Sleep); // the lock interval stays open a while
        if (i % 97 == 0)
            kept.push_back(store.snapshot());
        t += 20;
    }
    store.end(kMain, t, EventKind::HoldLock); // what is still open (if any)
    kept.push_back(store.snapshot());
    for (const StoreSnapshot &snap : kept) {
        const Lane &lane = snap.lanes.first();
        QVERIFY(lane.tracks.depths.size() >= 2);
        for (const store::TrackView &v : lane.tracks.depths) {
            std::size_t blocks = 0;
            v.forEachBlock(-INFINITY, INFINITY,
                           [&](std::size_t first, std::size_t n, const store::BlockSummary &s) {
                               double tMax = -INFINITY;
                               std::uint64_t mask = 0;
                               for (std::size_t i = first; i < first + n; ++i) {
                                   const store::Row r = v.row(i);
                                   const double end = v.t1(i);
                                   tMax = std::max(tMax, end == -1 ? INFINITY : std::max(r.t, end));
                                   mask |= eventkind::bit(r.kind);
                               }
                               QCOMPARE(s.tMin, v.row(first).t);
                               QCOMPARE(s.tMax, tMax);
                               QCOMPARE(s.mask, mask);
                               ++blocks;
                           });
            QCOMPARE(blocks, (v.size() + store::kBlockRows - 1) / store::kBlockRows);
        }
    }
}

QTEST_GUILESS_MAIN(TestTraceModel)
#include "tst_tracemodel.moc"
