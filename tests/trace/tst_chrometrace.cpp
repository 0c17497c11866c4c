// ChromeTrace: what we export opens again as the same timeline, the JSON obeys
// docs/TRACE-FORMAT.md, and broken or hostile files are refused with a
// message instead of a crash.

#include "chrometrace.h"
#include "recorddecoder.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <csignal>

using namespace proclab;

namespace {

constexpr double kTolUs = 1e-3; // one nanosecond, the ring's resolution
constexpr qint64 kRunner = 90;
constexpr qint64 kMain = 100;
constexpr qint64 kChild1 = 201;
constexpr qint64 kChild2 = 202;
constexpr std::uint64_t kT0 = 5'000'000'000;

enum class Scenario
{
    DecodedRun,    // a finished run, straight from ring records
    HandBuilt,     // Complete events, counters, flows, as an opened trace holds
    LiveRun,       // intervals still open: written up to now()
    NegativeTimes, // an opened trace whose events start before 0
    IpcRun,        // pipe, manager and phase records, a summary with rows
};

RawRecord rec(std::uint64_t tNs, std::int32_t pid, RecordKind kind, std::int64_t a = 0,
              std::int64_t b = 0, const std::string &text = {})
{
    const auto chunks = std::uint16_t((text.size() + kTextPerChunk - 1) / kTextPerChunk);
    return RawRecord{Record{kT0 + tNs, pid, kind, chunks, a, b}, text};
}

// Main starts a forked and a spawned daemonic child, joins the first and
// terminates the second in its sleep. Times are odd nanoseconds on purpose:
// Process-1 runs 416048.533..994456.019 µs, where ts + (t1 - ts) != t1 in
// doubles, and its zombie starts exactly at that t1.
void fillDecodedRun(TraceModel &model)
{
    RecordDecoder decoder(kT0);
    decoder.setRunnerPid(kRunner);
    const auto fork = std::int64_t(StartMethod::Fork);
    const auto spawn = std::int64_t(StartMethod::Spawn);
    const RecordDecoder::Batch batch = decoder.decode({
        rec(0, kMain, RecordKind::ProcBegin, kRunner, ProcMain, "MainProcess"),
        rec(1'234'567, kMain, RecordKind::Start, kChild1, fork, "Process-1"),
        rec(2'345'678, kMain, RecordKind::Start, kChild2, spawn, "Process-2"),
        rec(3'456'789, kChild2, RecordKind::ProcBegin, kMain, ProcDaemon | ProcSpawned,
            "Process-2"),
        rec(4'000'001, kChild2, RecordKind::SleepBegin, 5000),
        rec(416'048'533, kChild1, RecordKind::ProcBegin, kMain, 0, "Process-1"),
        rec(500'000'001, kChild1, RecordKind::Stdout, 0, 0, "hello [from] {child} \"1\"\n"),
        rec(500'000'002, kChild1, RecordKind::SleepBegin, 100),
        rec(600'000'003, kChild1, RecordKind::SleepEnd),
        rec(700'000'004, kMain, RecordKind::JoinBegin, kChild1, -1),
        rec(994'456'019, kChild1, RecordKind::Exit, 0, 0),
        rec(994'500'000, kChild1, RecordKind::Reaped, kMain, 'Z'),
        rec(994'500'001, kMain, RecordKind::JoinEnd, kChild1, 0),
        rec(995'000'000, kMain, RecordKind::Terminate, kChild2, SIGTERM),
        rec(995'100'000, kChild2, RecordKind::Exit, -SIGTERM, 0),
        rec(995'200'000, kChild2, RecordKind::Reaped, kMain, 'Z'),
        rec(995'300'000, kMain, RecordKind::JoinBegin, kChild2, 1'500'000),
        rec(995'300'001, kMain, RecordKind::JoinEnd, kChild2, 0),
        rec(996'000'000, kMain, RecordKind::Summary, 0, 0, R"({"children":[1,2],"lost":0})"),
        rec(996'100'000, kMain, RecordKind::Exit, 0, 0),
        rec(996'200'000, kMain, RecordKind::Reaped, kRunner, 'Z'),
        rec(996'300'000, std::int32_t(kRunner), RecordKind::RunEnd,
            std::int64_t(RunStatus::Finished)),
    });
    // The runner has no lane of its own: RunEnd is not an event.
    model.setRunInfo(QStringLiteral("start-processes"),
                     {{QStringLiteral("children"), 2},
                      {QStringLiteral("method"), QStringLiteral("fork")},
                      {QStringLiteral("delay"), 0.5}});
    model.append(batch.events);
    model.append({TraceEvent{450'000.25,
                             kChild1,
                             TraceEvent::Counter,
                             QStringLiteral("cpu"),
                             {{QStringLiteral("cpu"), 3}},
                             0}});
    if (batch.summary)
        model.setSummary(*batch.summary);
    if (batch.runStatus)
        model.setRunStatus(*batch.runStatus);
}

// Main pings Process-1 over a pipe (it waits in recv), the child replies and
// closes, main meets EOF; Process-2 is a Manager server that Process-1 calls;
// main's phase spans it all. Summary rows as ipc-compare's.
void fillIpcRun(TraceModel &model)
{
    RecordDecoder decoder(kT0);
    decoder.setRunnerPid(kRunner);
    constexpr std::int64_t pipe = 128;
    const auto m = std::int32_t(kMain), c = std::int32_t(kChild1), srv = std::int32_t(kChild2);
    const RecordDecoder::Batch batch = decoder.decode({
        rec(0, m, RecordKind::ProcBegin, kRunner, ProcMain, "MainProcess"),
        rec(10, m, RecordKind::Phase, 0, 1, "pipe"),
        rec(100, m, RecordKind::ObjectDecl, pipe, std::int64_t(ObjectType::Pipe), "p"),
        rec(200, m, RecordKind::Start, kChild1, 0, "Process-1"),
        rec(250, m, RecordKind::Start, kChild2, 0, "SyncManager-2"),
        rec(300, c, RecordKind::ProcBegin, kMain, 0, "Process-1"),
        rec(310, srv, RecordKind::ProcBegin, kMain, 0, "SyncManager-2"),
        rec(400, c, RecordKind::PipeWait, pipe, 1),
        rec(500, m, RecordKind::PipeSend, packPipe(pipe, 0, PipeItem::Int, 0), 42),
        rec(600, c, RecordKind::PipeWait, pipe, 0),
        rec(601, c, RecordKind::PipeRecv, packPipe(pipe, 0, PipeItem::Int, 0), 42),
        rec(700, c, RecordKind::PipeSend, packPipe(pipe, 1, PipeItem::List, 0), 0, "1,2,3"),
        rec(701, c, RecordKind::PipeSend, packPipe(pipe, 1, PipeItem::None, 1)),
        rec(702, c, RecordKind::PipeSend, packPipe(pipe, 1, PipeItem::String, 2), 0, "pong"),
        rec(800, m, RecordKind::PipeRecv, packPipe(pipe, 1, PipeItem::List, 0), 0, "1,2,3"),
        rec(801, m, RecordKind::PipeRecv, packPipe(pipe, 1, PipeItem::None, 1)),
        rec(802, m, RecordKind::PipeRecv, packPipe(pipe, 1, PipeItem::String, 2), 0, "pong"),
        rec(900, c, RecordKind::PipeClose, pipe, 1),
        rec(950, m, RecordKind::PipeEof, pipe, 0),
        rec(1000, c, RecordKind::ManagerCallBegin, std::int64_t(ManagerOp::SetItem), 0, "d\nk"),
        rec(1100, srv, RecordKind::ManagerServe, std::int64_t(ManagerOp::SetItem), kChild1, "d\nk"),
        rec(1200, c, RecordKind::ManagerCallEnd, std::int64_t(ManagerOp::SetItem), 0),
        rec(1300, c, RecordKind::Exit, 0, 0),
        rec(1400, m, RecordKind::Phase, 0, 0),
        rec(1500, m, RecordKind::Summary, 0, 0,
            R"({"methods":[{"name":"pipe","msgs_per_s":1000.5,"latency_us":2.25}]})"),
    });
    model.setRunInfo(QStringLiteral("ipc-compare"), {{QStringLiteral("messages"), 100}});
    model.append(batch.events);
    if (batch.summary)
        model.setSummary(*batch.summary);
}

TraceEvent meta(qint64 pid, const QString &name, bool isMain)
{
    return TraceEvent{0,
                      pid,
                      TraceEvent::Meta,
                      ev::ProcessName,
                      {{QStringLiteral("name"), name},
                       {QStringLiteral("main"), isMain},
                       {QStringLiteral("ppid"), isMain ? kRunner : kMain}},
                      0};
}

TraceEvent complete(double ts, double dur, qint64 pid, const QString &name,
                    const QJsonObject &args = {})
{
    return TraceEvent{ts, pid, TraceEvent::Complete, name, args, 0, dur};
}

void fillHandBuilt(TraceModel &model)
{
    model.setRunInfo(QStringLiteral("queue"),
                     {{QStringLiteral("producers"), 2}, {QStringLiteral("maxsize"), QJsonValue()}});
    model.append({
        meta(kChild1, QStringLiteral("Producer-1"), false), // main named after: moved to row 0
        complete(0.1, 30.2, kChild1, ev::Running),
        complete(0.3, 10.0000001, kChild1, QStringLiteral("wait:put"),
                 {{QStringLiteral("queue"), QStringLiteral("q")}}),
        complete(30.3, 1.7, kChild1, ev::Zombie),
        TraceEvent{5.5,
                   kMain,
                   TraceEvent::Counter,
                   QStringLiteral("queue q"),
                   {{QStringLiteral("depth"), 3}},
                   0},
        TraceEvent{6.5,
                   kMain,
                   TraceEvent::Counter,
                   QStringLiteral("queue q"),
                   {{QStringLiteral("depth"), 2}},
                   0},
        meta(kMain, QStringLiteral("MainProcess"), true),
        complete(0, 40, kMain, ev::Running),
        complete(0, 40, kMain, ev::Join, {{QStringLiteral("timeout"), QJsonValue()}}),
        TraceEvent{0.05, kMain, TraceEvent::FlowStart, ev::Start, {}, kChild1},
        TraceEvent{0.1, kChild1, TraceEvent::FlowEnd, ev::Start, {}, kChild1},
        TraceEvent{12.25,
                   kChild1,
                   TraceEvent::Instant,
                   QStringLiteral("put"),
                   {{QStringLiteral("queue"), QStringLiteral("q")},
                    {QStringLiteral("item"), 7},
                    {QStringLiteral("depth_after"), 3}},
                   0},
        TraceEvent{
            30.3, kChild1, TraceEvent::Instant, ev::Exit, {{QStringLiteral("exitcode"), 1}}, 0},
        // An arrow whose target never appeared (the child died before starting).
        TraceEvent{20, kMain, TraceEvent::FlowStart, ev::Start, {}, 999},
    });
    model.setSummary({{QStringLiteral("items"), 7}, {QStringLiteral("ok"), false}});
    model.setRunStatus(QStringLiteral("failed"));
}

void fillLiveRun(TraceModel &model)
{
    model.setRunInfo(QStringLiteral("join"), {{QStringLiteral("timeout"), 1.5}});
    model.append(
        {meta(kMain, QStringLiteral("MainProcess"), true),
         TraceEvent{0, kMain, TraceEvent::Begin, ev::Running, {}, 0},
         TraceEvent{2, kMain, TraceEvent::Begin, ev::Join, {{QStringLiteral("timeout"), 1.5}}, 0},
         meta(kChild1, QStringLiteral("Process-1"), false),
         TraceEvent{1, kChild1, TraceEvent::Begin, ev::Running, {}, 0},
         TraceEvent{3, kChild1, TraceEvent::Begin, ev::Sleep, {}, 0},
         TraceEvent{4, kChild1, TraceEvent::End, ev::Sleep, {}, 0},
         TraceEvent{5, kChild1, TraceEvent::Begin, ev::Sleep, {}, 0}});
    model.setLive(true);
    model.setLiveNow(123.456);
}

void fillNegativeTimes(TraceModel &model)
{
    model.setRunInfo(QStringLiteral("daemon"), {{QStringLiteral("daemon"), true}});
    model.append({meta(kMain, QStringLiteral("MainProcess"), true),
                  complete(-10, 30, kMain, ev::Running),
                  TraceEvent{-5,
                             kMain,
                             TraceEvent::Instant,
                             ev::Stdout,
                             {{QStringLiteral("text"), QStringLiteral("early")}},
                             0},
                  TraceEvent{-4, kMain, TraceEvent::FlowStart, ev::Start, {}, kChild1},
                  TraceEvent{-2, kChild1, TraceEvent::FlowEnd, ev::Start, {}, kChild1},
                  complete(-2, 3, kChild1, ev::Running)});
}

void fill(Scenario s, TraceModel &model)
{
    switch (s) {
    case Scenario::DecodedRun:
        return fillDecodedRun(model);
    case Scenario::HandBuilt:
        return fillHandBuilt(model);
    case Scenario::LiveRun:
        return fillLiveRun(model);
    case Scenario::NegativeTimes:
        return fillNegativeTimes(model);
    case Scenario::IpcRun:
        return fillIpcRun(model);
    }
}

void addScenarioRows()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::newRow("decoded lab run") << Scenario::DecodedRun;
    QTest::newRow("hand-built complete events") << Scenario::HandBuilt;
    QTest::newRow("live run with open intervals") << Scenario::LiveRun;
    QTest::newRow("opened trace with negative times") << Scenario::NegativeTimes;
    QTest::newRow("pipe, manager and phase events") << Scenario::IpcRun;
}

bool near(double a, double b)
{
    return std::abs(a - b) <= kTolUs;
}

QString where(const Lane &l, const QString &what, qsizetype i)
{
    return QStringLiteral("lane %1 (%2) %3[%4]").arg(l.name).arg(l.pid).arg(what).arg(i);
}

TraceEvents countersOf(const Lane &l)
{
    TraceEvents out;
    for (const TraceEvent &e : l.counterEvents())
        if (e.ph == TraceEvent::Counter)
            out << e;
    return out;
}

QVector<Flow> sortedFlows(const TraceModel &m)
{
    QVector<Flow> f = m.flows();
    std::sort(f.begin(), f.end(), [](const Flow &a, const Flow &b) { return a.id < b.id; });
    return f;
}

// `b` was read back from what `a` wrote. Open intervals of `a` are expected
// closed at a.now(), which is where the writer ends them.
void compareModels(const TraceModel &a, const TraceModel &b)
{
    QCOMPARE(b.rowCount(), a.rowCount());
    for (int r = 0; r < a.rowCount(); ++r) {
        const Lane &la = a.lane(r);
        const Lane &lb = b.lane(r);
        QCOMPARE(lb.pid, la.pid);
        QCOMPARE(lb.name, la.name);
        QCOMPARE(lb.ppid, la.ppid);
        QCOMPARE(lb.isMain, la.isMain);
        QCOMPARE(lb.daemon, la.daemon);
        QCOMPARE(lb.spawned, la.spawned);
        QCOMPARE(lb.exitcode, la.exitcode);
        QCOMPARE(lb.reaped, la.reaped);

        QCOMPARE(lb.intervals().size(), la.intervals().size());
        for (qsizetype i = 0; i < la.intervals().size(); ++i) {
            const Interval &x = la.intervals()[i];
            const Interval &y = lb.intervals()[i];
            const QByteArray msg = where(la, x.name, i).toUtf8();
            QVERIFY2(y.name == x.name, msg);
            QVERIFY2(near(y.t0, x.t0), msg + " t0");
            QVERIFY2(!y.open(), msg + " is open after reading");
            QVERIFY2(near(y.t1, x.endOr(a.now())),
                     msg + " t1 " + QByteArray::number(y.t1, 'g', 17) + " vs " +
                         QByteArray::number(x.endOr(a.now()), 'g', 17));
            QVERIFY2(y.depth == x.depth, msg + " depth " + QByteArray::number(y.depth) + " vs " +
                                             QByteArray::number(x.depth));
            QVERIFY2(y.args == x.args, msg + " args");
        }

        QCOMPARE(lb.markers().size(), la.markers().size());
        for (qsizetype i = 0; i < la.markers().size(); ++i) {
            const QByteArray msg = where(la, la.markers()[i].name, i).toUtf8();
            QVERIFY2(lb.markers()[i].name == la.markers()[i].name, msg);
            QVERIFY2(near(lb.markers()[i].t, la.markers()[i].t), msg + " t");
            QVERIFY2(lb.markers()[i].args == la.markers()[i].args, msg + " args");
        }

        const TraceEvents ca = countersOf(la), cb = countersOf(lb);
        QCOMPARE(cb.size(), ca.size());
        for (qsizetype i = 0; i < ca.size(); ++i) {
            QCOMPARE(cb[i].name, ca[i].name);
            QVERIFY(near(cb[i].ts, ca[i].ts));
            QCOMPARE(cb[i].args, ca[i].args);
        }
    }

    const QVector<Flow> fa = sortedFlows(a), fb = sortedFlows(b);
    QCOMPARE(fb.size(), fa.size());
    for (qsizetype i = 0; i < fa.size(); ++i) {
        QCOMPARE(fb[i].name, fa[i].name);
        QCOMPARE(fb[i].id, fa[i].id);
        QCOMPARE(fb[i].fromPid, fa[i].fromPid);
        QCOMPARE(fb[i].toPid, fa[i].toPid);
        QVERIFY(near(fb[i].fromTs, fa[i].fromTs));
        QVERIFY(near(fb[i].toTs, fa[i].toTs));
    }

    QCOMPARE(b.labId(), a.labId());
    QCOMPARE(b.params(), a.params());
    QCOMPARE(b.summary(), a.summary());
    QCOMPARE(b.runStatus(), a.runStatus());
    // A Begin/End pair comes back as one X, so each End is one event less.
    int ends = 0;
    for (const TraceEvent &e : a.allEvents())
        ends += e.ph == TraceEvent::End;
    QCOMPARE(b.eventCount(), a.eventCount() - ends);
}

// Something valid in the model, so a failed read visibly empties it.
void fillSomething(TraceModel &model)
{
    fillHandBuilt(model);
    QVERIFY(model.rowCount() > 0);
}

QByteArray withEvents(const QByteArray &secondEvent)
{
    return R"({"traceEvents":[{"ph":"M","name":"process_name","pid":1,"args":{"name":"MainProcess"}},)" +
           secondEvent + R"(],"otherData":{"generator":"proclab 0.1.0"}})";
}

} // namespace

Q_DECLARE_METATYPE(Scenario)

class TestChromeTrace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data() { addScenarioRows(); }
    void roundTrip();
    void writtenJsonFollowsFormat_data() { addScenarioRows(); }
    void writtenJsonFollowsFormat();
    void openIntervalsEndAtNow();
    void bracketsInsideStringsAreNotNesting();
    void readReplacesPreviousContent();
    void malformedInput_data();
    void malformedInput();
    void nestingAtTheLimitIsAccepted();
    void readFileRoundTrip();
    void readFileTooLarge();
    void readFileMissing();
};

void TestChromeTrace::roundTrip()
{
    QFETCH(Scenario, scenario);
    TraceModel a;
    QAbstractItemModelTester ta(&a, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(scenario, a);
    QVERIFY(a.rowCount() >= 2);

    const QByteArray json = ChromeTrace::write(a);
    TraceModel b;
    QAbstractItemModelTester tb(&b, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    QVERIFY2(ChromeTrace::read(json, &b, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    compareModels(a, b);
    if (QTest::currentTestFailed())
        return;

    // Opened traces are not live, and a second export reads back the same again.
    QVERIFY(!b.isLive());
    TraceModel c;
    QAbstractItemModelTester tc(&c, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY2(ChromeTrace::read(ChromeTrace::write(b), &c, &error), qPrintable(error));
    compareModels(b, c);
}

void TestChromeTrace::writtenJsonFollowsFormat()
{
    QFETCH(Scenario, scenario);
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(scenario, model);

    QJsonParseError perr{};
    const QJsonDocument doc = QJsonDocument::fromJson(ChromeTrace::write(model), &perr);
    QCOMPARE(perr.error, QJsonParseError::NoError);
    QVERIFY(doc.isObject());
    const QJsonObject root = doc.object();
    QCOMPARE(root.value(QStringLiteral("displayTimeUnit")).toString(), QStringLiteral("ms"));
    QVERIFY(root.value(QStringLiteral("traceEvents")).isArray());
    const QJsonArray events = root.value(QStringLiteral("traceEvents")).toArray();
    QVERIFY(!events.isEmpty());

    QSet<qint64> named, used;
    QList<qint64> nameOrder;
    QHash<qint64, QList<std::pair<double, double>>> slices;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject e = events.at(i).toObject();
        const QString ph = e.value(QStringLiteral("ph")).toString();
        const QByteArray msg = QStringLiteral("traceEvents[%1] %2 %3")
                                   .arg(i)
                                   .arg(ph, e.value(QStringLiteral("name")).toString())
                                   .toUtf8();
        QVERIFY2(ph.size() == 1, msg);
        QVERIFY2(!e.value(QStringLiteral("name")).toString().isEmpty(), msg);
        QVERIFY2(e.value(QStringLiteral("pid")).isDouble(), msg + ": pid");
        const qint64 pid = e.value(QStringLiteral("pid")).toInteger();
        QVERIFY2(e.value(QStringLiteral("tid")).toInteger(-1) == pid, msg + ": tid = pid");
        if (ph == QLatin1String("M")) {
            if (e.value(QStringLiteral("name")).toString() == ev::ProcessName) {
                QVERIFY2(!named.contains(pid), msg + ": lane named twice");
                named.insert(pid);
                nameOrder << pid;
                QVERIFY2(e.value(QStringLiteral("args"))[QStringLiteral("name")].isString(), msg);
            }
            continue;
        }
        used.insert(pid);
        QVERIFY2(e.value(QStringLiteral("ts")).isDouble(), msg + ": ts must be a number");
        const double ts = e.value(QStringLiteral("ts")).toDouble();
        if (ph == QLatin1String("X")) {
            QVERIFY2(e.value(QStringLiteral("dur")).isDouble(), msg + ": dur");
            const double dur = e.value(QStringLiteral("dur")).toDouble();
            QVERIFY2(dur >= 0, msg + ": dur >= 0");
            slices[pid].append({ts, ts + dur});
        } else if (ph == QLatin1String("i")) {
            QVERIFY2(e.value(QStringLiteral("s")).toString() == QLatin1String("p"), msg + ": s");
        } else if (ph == QLatin1String("C")) {
            QVERIFY2(e.value(QStringLiteral("args")).toObject().size() == 1,
                     msg + ": one key per counter");
        } else if (ph == QLatin1String("s") || ph == QLatin1String("f")) {
            QVERIFY2(e.value(QStringLiteral("id")).isDouble(), msg + ": id");
            if (ph == QLatin1String("f"))
                QVERIFY2(e.value(QStringLiteral("bp")).toString() == QLatin1String("e"),
                         msg + ": bp e");
            else
                QVERIFY2(!e.contains(QStringLiteral("bp")), msg + ": bp only on f");
        } else {
            QFAIL((msg + ": unexpected phase").constData());
        }
    }

    // Each lane has its process_name; MainProcess is named first.
    QCOMPARE(named.size(), model.rowCount());
    for (int r = 0; r < model.rowCount(); ++r)
        QVERIFY(named.contains(model.lane(r).pid));
    QVERIFY(used.subtract(named).isEmpty());
    QCOMPARE(nameOrder.first(), kMain);

    // Slices on one lane nest (Perfetto's JSON importer requires it).
    for (auto it = slices.begin(); it != slices.end(); ++it) {
        auto lane = it.value();
        std::sort(lane.begin(), lane.end(), [](auto x, auto y) {
            return x.first != y.first ? x.first < y.first : x.second > y.second;
        });
        QList<double> openEnds;
        for (const auto &[t0, t1] : lane) {
            while (!openEnds.isEmpty() && openEnds.last() <= t0 + kTolUs)
                openEnds.removeLast();
            QVERIFY2(openEnds.isEmpty() || t1 <= openEnds.last() + kTolUs,
                     qPrintable(QStringLiteral("pid %1: slice %2..%3 overlaps its parent")
                                    .arg(it.key())
                                    .arg(t0)
                                    .arg(t1)));
            openEnds << t1;
        }
    }

    const QJsonObject other = root.value(QStringLiteral("otherData")).toObject();
    QVERIFY(
        other.value(QStringLiteral("generator")).toString().startsWith(QLatin1String("proclab ")));
    QCOMPARE(other.value(QStringLiteral("lab")).toString(), model.labId());
    QVERIFY(!model.labId().isEmpty());
    QVERIFY(other.value(QStringLiteral("params")).isObject());
    QCOMPARE(other.value(QStringLiteral("params")).toObject(), model.params());
    QVERIFY(other.value(QStringLiteral("summary")).isObject());
    QCOMPARE(other.value(QStringLiteral("summary")).toObject(), model.summary());
}

void TestChromeTrace::openIntervalsEndAtNow()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fillLiveRun(model);
    const QJsonArray events = QJsonDocument::fromJson(ChromeTrace::write(model))
                                  .object()[QStringLiteral("traceEvents")]
                                  .toArray();
    QStringList slices;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("ph")].toString() == QLatin1String("X"))
            slices << QStringLiteral("%1 %2 %3+%4")
                          .arg(e[QStringLiteral("pid")].toInteger())
                          .arg(e[QStringLiteral("name")].toString())
                          .arg(e[QStringLiteral("ts")].toDouble())
                          .arg(e[QStringLiteral("dur")].toDouble());
    }
    QCOMPARE(
        slices,
        (QStringList{QStringLiteral("100 running 0+123.456"), QStringLiteral("100 join 2+121.456"),
                     QStringLiteral("201 running 1+122.456"), QStringLiteral("201 sleep 3+1"),
                     QStringLiteral("201 sleep 5+118.456")}));
}

void TestChromeTrace::bracketsInsideStringsAreNotNesting()
{
    TraceModel a;
    const QString text = QString(500, QLatin1Char('[')) + QStringLiteral("\\\"") +
                         QString(500, QLatin1Char('{')) + QStringLiteral("\"");
    a.setRunInfo(QStringLiteral("stdout"), {});
    a.append({meta(kMain, QStringLiteral("MainProcess"), true),
              TraceEvent{
                  1, kMain, TraceEvent::Instant, ev::Stdout, {{QStringLiteral("text"), text}}, 0}});
    TraceModel b;
    QAbstractItemModelTester tester(&b, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    QVERIFY2(ChromeTrace::read(ChromeTrace::write(a), &b, &error), qPrintable(error));
    QCOMPARE(b.lane(0).markers().value(0).args.value(QStringLiteral("text")).toString(), text);
}

void TestChromeTrace::readReplacesPreviousContent()
{
    TraceModel small;
    fillNegativeTimes(small);
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fillDecodedRun(model);
    QString error;
    QVERIFY2(ChromeTrace::read(ChromeTrace::write(small), &model, &error), qPrintable(error));
    compareModels(small, model);
}

void TestChromeTrace::malformedInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("mustMention");

    TraceModel valid;
    fillDecodedRun(valid);
    const QByteArray exported = ChromeTrace::write(valid);
    const QByteArray gen = R"("otherData":{"generator":"proclab 0.1.0"})";

    QTest::newRow("empty input") << QByteArray() << QStringList{QStringLiteral("not valid JSON")};
    QTest::newRow("truncated export")
        << exported.left(exported.size() / 2) << QStringList{QStringLiteral("not valid JSON")};
    QTest::newRow("top-level array")
        << QByteArray(R"([{"traceEvents":[]}])") << QStringList{QStringLiteral("JSON object")};
    QTest::newRow("missing traceEvents")
        << QByteArray("{" + gen + "}") << QStringList{QStringLiteral("traceEvents")};
    QTest::newRow("traceEvents not an array")
        << QByteArray(R"({"traceEvents":{"ph":"i"},)" + gen + "}")
        << QStringList{QStringLiteral("traceEvents must be an array")};
    QTest::newRow("event not an object")
        << withEvents("42") << QStringList{QStringLiteral("traceEvents[1]"), QStringLiteral("pid")};
    QTest::newRow("event without pid")
        << withEvents(R"({"ph":"i","name":"stdout","ts":1,"s":"p"})")
        << QStringList{QStringLiteral("traceEvents[1]"), QStringLiteral("pid")};
    QTest::newRow("event with string pid")
        << withEvents(R"({"ph":"i","name":"stdout","pid":"1","ts":1})")
        << QStringList{QStringLiteral("traceEvents[1]"), QStringLiteral("pid")};
    QTest::newRow("event without name")
        << withEvents(R"({"ph":"i","pid":1,"ts":1})")
        << QStringList{QStringLiteral("traceEvents[1]"), QStringLiteral("name")};
    QTest::newRow("event with two-letter ph")
        << withEvents(R"({"ph":"XX","name":"running","pid":1,"ts":1})")
        << QStringList{QStringLiteral("traceEvents[1]"), QStringLiteral("ph")};
    QTest::newRow("event with string ts")
        << withEvents(R"({"ph":"i","name":"stdout","pid":1,"ts":"12.5"})")
        << QStringList{QStringLiteral("traceEvents[1]"), QStringLiteral("stdout"),
                       QStringLiteral("ts must be a number")};
    QTest::newRow("instant without ts")
        << withEvents(R"({"ph":"i","name":"exit","pid":1})")
        << QStringList{QStringLiteral("traceEvents[1]"), QStringLiteral("ts must be a number")};
    QTest::newRow("X with negative dur")
        << withEvents(R"({"ph":"X","name":"running","pid":1,"ts":0,"dur":-1})")
        << QStringList{QStringLiteral("traceEvents[1]"), QStringLiteral("running"),
                       QStringLiteral("dur")};
    QTest::newRow("X without dur")
        << withEvents(R"({"ph":"X","name":"running","pid":1,"ts":0})")
        << QStringList{QStringLiteral("traceEvents[1]"), QStringLiteral("dur")};
    QTest::newRow("event with boolean pid")
        << withEvents(R"({"ph":"i","name":"exit","pid":true,"ts":1})")
        << QStringList{QStringLiteral("traceEvents[1]"), QStringLiteral("pid")};
    QTest::newRow("event with null ts")
        << withEvents(R"({"ph":"i","name":"exit","pid":1,"ts":null})")
        << QStringList{QStringLiteral("traceEvents[1]"), QStringLiteral("ts must be a number")};
    QTest::newRow("X with string dur")
        << withEvents(R"({"ph":"X","name":"sleep","pid":1,"ts":0,"dur":"5"})")
        << QStringList{QStringLiteral("traceEvents[1]"), QStringLiteral("sleep"),
                       QStringLiteral("dur")};
    QTest::newRow("event that is an array")
        << withEvents(R"(["i","exit",1,2])")
        << QStringList{QStringLiteral("traceEvents[1]"), QStringLiteral("pid")};
    QTest::newRow("otherData a string")
        << QByteArray(R"({"traceEvents":[],"otherData":"proclab 0.1.0"})")
        << QStringList{QStringLiteral("Not a ProcLab trace")};
    QTest::newRow("nesting one level over the limit")
        << (QByteArray("{\"traceEvents\":[],") + gen + ",\"x\":" + QByteArray(64, '[') +
            QByteArray(64, ']') + "}")
        << QStringList{QStringLiteral("nests deeper than 64")};
    QTest::newRow("no otherData") << QByteArray(R"({"traceEvents":[]})")
                                  << QStringList{QStringLiteral("Not a ProcLab trace")};
    QTest::newRow("no generator") << QByteArray(R"({"traceEvents":[],"otherData":{"lab":"join"}})")
                                  << QStringList{QStringLiteral("Not a ProcLab trace")};
    QTest::newRow("other generator")
        << QByteArray(R"({"traceEvents":[],"otherData":{"generator":"Chrome 120"}})")
        << QStringList{QStringLiteral("Not a ProcLab trace")};
    QTest::newRow("generator not a string")
        << QByteArray(R"({"traceEvents":[],"otherData":{"generator":7}})")
        << QStringList{QStringLiteral("Not a ProcLab trace")};
    QTest::newRow("nesting 100000 deep (arrays)")
        << QByteArray(100000, '[') << QStringList{QStringLiteral("nests deeper than 64")};
    QTest::newRow("nesting 100000 deep (objects)")
        << (QByteArray("{\"traceEvents\":[],") + gen + ",\"x\":" +
            QByteArray("{\"a\":").repeated(100000) + "1" + QByteArray(100000, '}') + "}")
        << QStringList{QStringLiteral("nests deeper than 64")};
}

void TestChromeTrace::malformedInput()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, mustMention);

    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fillSomething(model);
    QString error;
    QVERIFY(!ChromeTrace::read(input, &model, &error));
    for (const QString &word : std::as_const(mustMention))
        QVERIFY2(error.contains(word, Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("\"%1\" does not mention \"%2\"").arg(error, word)));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.eventCount(), 0);
    QVERIFY(model.flows().isEmpty());
    QVERIFY(model.labId().isEmpty());
    QVERIFY(model.summary().isEmpty());
    QVERIFY(model.runStatus().isEmpty());
}

// The control for "nesting one level over the limit": 64 levels open.
void TestChromeTrace::nestingAtTheLimitIsAccepted()
{
    const QByteArray json = R"({"traceEvents":[],"otherData":{"generator":"proclab 0.1.0"},"x":)" +
                            QByteArray(ChromeTrace::kMaxNesting - 1, '[') +
                            QByteArray(ChromeTrace::kMaxNesting - 1, ']') + "}";
    TraceModel model;
    QString error;
    QVERIFY2(ChromeTrace::read(json, &model, &error), qPrintable(error));
}

void TestChromeTrace::readFileRoundTrip()
{
    TraceModel a;
    fillDecodedRun(a);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("run.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QVERIFY(f.write(ChromeTrace::write(a)) > 0);
    f.close();

    TraceModel b;
    QAbstractItemModelTester tester(&b, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    QVERIFY2(ChromeTrace::readFile(path, &b, &error), qPrintable(error));
    compareModels(a, b);
}

void TestChromeTrace::readFileTooLarge()
{
    QTemporaryFile file(QDir::tempPath() + QStringLiteral("/huge-XXXXXX.json"));
    QVERIFY(file.open());
    QVERIFY(file.resize(ChromeTrace::kMaxFileBytes + 1)); // sparse: costs no disk
    file.close();

    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fillSomething(model);
    QString error;
    QVERIFY(!ChromeTrace::readFile(file.fileName(), &model, &error));
    const QString name = QFileInfo(file.fileName()).fileName();
    QVERIFY2(error.contains(name), qPrintable(error));
    const qint64 limitMb = ChromeTrace::kMaxFileBytes / (1024 * 1024);
    QVERIFY2(error.contains(QStringLiteral("at most %1 MB").arg(limitMb)), qPrintable(error));
    // Its size, rounded up: "N MB; at most N MB" would contradict itself.
    QVERIFY2(error.contains(QStringLiteral("is %1 MB").arg(limitMb + 1)), qPrintable(error));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.eventCount(), 0);
    QVERIFY(model.labId().isEmpty());
}

void TestChromeTrace::readFileMissing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing.json"));

    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fillSomething(model);
    QString error;
    QVERIFY(!ChromeTrace::readFile(path, &model, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("Cannot open")), qPrintable(error));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.eventCount(), 0);
    QVERIFY(model.labId().isEmpty());
}

QTEST_GUILESS_MAIN(TestChromeTrace)
#include "tst_chrometrace.moc"
