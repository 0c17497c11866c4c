// RecordDecoder: hand-built ring records (as RingReader hands them over, text
// already joined) -> TraceEvents, summary and run status.

#include "recorddecoder.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QTest>
#include <csignal>

using namespace proclab;

Q_DECLARE_METATYPE(std::vector<proclab::RawRecord>)

namespace {

constexpr std::uint64_t kT0 = 7'000'000'000; // the run's start on CLOCK_MONOTONIC
constexpr std::int32_t kRunner = 90;
constexpr std::int32_t kMain = 100;
constexpr std::int32_t kChild = 201;
constexpr std::int32_t kGrandchild = 301;

// tUs: microseconds after kT0 (whole ns, so the decoded ts is exact).
RawRecord rec(double tUs, std::int32_t pid, RecordKind kind, std::int64_t a = 0, std::int64_t b = 0,
              const std::string &text = {})
{
    const auto chunks = std::uint16_t((text.size() + kTextPerChunk - 1) / kTextPerChunk);
    return RawRecord{Record{kT0 + std::uint64_t(tUs * 1000 + 0.5), pid, kind, chunks, a, b}, text};
}

RawRecord procBeginRecord(double tUs, std::int32_t pid, std::int32_t ppid, std::int64_t flags,
                          const std::string &name)
{
    return rec(tUs, pid, RecordKind::ProcBegin, ppid, flags, name);
}

QString json(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// "201 B running @1.5 {}"; flows add their id: "201 f start #201 @1.5 {}".
QStringList describe(const TraceEvents &events)
{
    QStringList out;
    for (const TraceEvent &e : events) {
        QString s = QStringLiteral("%1 %2 %3").arg(e.pid).arg(QChar(char(e.ph))).arg(e.name);
        if (e.ph == TraceEvent::FlowStart || e.ph == TraceEvent::FlowEnd)
            s += QStringLiteral(" #%1").arg(e.id);
        s += QStringLiteral(" @%1 %2").arg(QString::number(e.ts, 'g', 12), json(e.args));
        out << s;
    }
    return out;
}

// The main process and one named child, as every later scenario starts.
std::vector<RawRecord> prologue()
{
    return {procBeginRecord(0, kMain, kRunner, ProcMain, "MainProcess"),
            rec(1, kMain, RecordKind::Start, kChild, std::int64_t(StartMethod::Fork), "Process-1"),
            procBeginRecord(2, kChild, kMain, 0, "Process-1")};
}

} // namespace

class TestRecordDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void procBegin_data();
    void procBegin();
    void start_data();
    void start();
    void exitThenReap_data();
    void exitThenReap();
    void exitSeenAtReapHasNoZombie();
    void joinTimeout_data();
    void joinTimeout();
    void instants_data();
    void instants();
    void summary_data();
    void summary();
    void runEnd_data();
    void runEnd();
    void batchIsSortedByTime();
    void timeIsMicrosecondsSinceT0();
    void decodedRunFillsModel();
    void pipeAndManagerRecords();
};

void TestRecordDecoder::procBegin_data()
{
    QTest::addColumn<std::vector<RawRecord>>("records");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("main process: no start arrow")
        << std::vector<RawRecord>{procBeginRecord(0, kMain, kRunner, ProcMain, "MainProcess")}
        << QStringList{
               QStringLiteral("100 M process_name @0 {\"daemon\":false,\"main\":true,\"name\":"
                              "\"MainProcess\",\"ppid\":90,\"spawned\":false}"),
               QStringLiteral("100 B running @0 {}")};
    QTest::newRow("forked child: arrow ends on its lane")
        << std::vector<RawRecord>{procBeginRecord(2.5, kChild, kMain, 0, "Process-1")}
        << QStringList{
               QStringLiteral("201 M process_name @2.5 {\"daemon\":false,\"main\":false,\"name\":"
                              "\"Process-1\",\"ppid\":100,\"spawned\":false}"),
               QStringLiteral("201 B running @2.5 {}"), QStringLiteral("201 f start #201 @2.5 {}")};
    QTest::newRow("daemonic spawned child")
        << std::vector<RawRecord>{procBeginRecord(3, kChild, kMain, ProcDaemon | ProcSpawned,
                                                  "Worker")}
        << QStringList{
               QStringLiteral("201 M process_name @3 {\"daemon\":true,\"main\":false,\"name\":"
                              "\"Worker\",\"ppid\":100,\"spawned\":true}"),
               QStringLiteral("201 B running @3 {}"), QStringLiteral("201 f start #201 @3 {}")};
    QTest::newRow("non-ASCII name")
        << std::vector<RawRecord>{procBeginRecord(1, kChild, kMain, 0, "Prozeß-1")}
        << QStringList{
               QStringLiteral("201 M process_name @1 {\"daemon\":false,\"main\":false,\"name\":"
                              "\"Prozeß-1\",\"ppid\":100,\"spawned\":false}"),
               QStringLiteral("201 B running @1 {}"), QStringLiteral("201 f start #201 @1 {}")};
}

void TestRecordDecoder::procBegin()
{
    QFETCH(std::vector<RawRecord>, records);
    QFETCH(QStringList, expected);
    RecordDecoder decoder(kT0);
    const RecordDecoder::Batch batch = decoder.decode(records);
    QCOMPARE(describe(batch.events), expected);
    QVERIFY(!batch.summary);
    QVERIFY(!batch.runStatus);
}

void TestRecordDecoder::start_data()
{
    QTest::addColumn<std::int64_t>("method");
    QTest::addColumn<QString>("methodName");
    QTest::newRow("fork") << std::int64_t(StartMethod::Fork) << QStringLiteral("fork");
    QTest::newRow("spawn") << std::int64_t(StartMethod::Spawn) << QStringLiteral("spawn");
}

void TestRecordDecoder::start()
{
    QFETCH(std::int64_t, method);
    QFETCH(QString, methodName);
    RecordDecoder decoder(kT0);
    const auto batch =
        decoder.decode({rec(4, kMain, RecordKind::Start, kChild, method, "Process-1")});
    QCOMPARE(
        describe(batch.events),
        (QStringList{QStringLiteral("201 M process_name @4 {\"name\":\"Process-1\",\"ppid\":100}"),
                     QStringLiteral("100 i start @4 {\"child\":\"Process-1\",\"child_pid\":"
                                    "201,\"method\":\"%1\"}")
                         .arg(methodName),
                     QStringLiteral("100 s start #201 @4 {}")}));

    // The child's name is known from its Start before its own ProcBegin.
    const auto later = decoder.decode({rec(5, kMain, RecordKind::Terminate, kChild, SIGTERM)});
    QCOMPARE(later.events.value(0).args.value(QStringLiteral("target")).toString(),
             QStringLiteral("Process-1"));
}

void TestRecordDecoder::exitThenReap_data()
{
    QTest::addColumn<std::int64_t>("exitcode");
    QTest::addColumn<std::int32_t>("reaper");
    QTest::addColumn<std::int64_t>("procState");
    QTest::addColumn<QString>("by");
    QTest::addColumn<QString>("procStateName");

    QTest::newRow("normal exit reaped by its parent")
        << std::int64_t(0) << kMain << std::int64_t('Z') << QStringLiteral("MainProcess")
        << QStringLiteral("Z");
    QTest::newRow("terminated child reaped by the runner")
        << std::int64_t(-SIGTERM) << kRunner << std::int64_t('Z') << QStringLiteral("runner")
        << QStringLiteral("Z");
    QTest::newRow("reaper without a lane counts as the runner")
        << std::int64_t(1) << std::int32_t(4242) << std::int64_t('Z') << QStringLiteral("runner")
        << QStringLiteral("Z");
    QTest::newRow("state not seen") << std::int64_t(0) << kMain << std::int64_t(0)
                                    << QStringLiteral("MainProcess") << QStringLiteral("?");
}

void TestRecordDecoder::exitThenReap()
{
    QFETCH(std::int64_t, exitcode);
    QFETCH(std::int32_t, reaper);
    QFETCH(std::int64_t, procState);
    QFETCH(QString, by);
    QFETCH(QString, procStateName);

    RecordDecoder decoder(kT0);
    decoder.setRunnerPid(kRunner);
    decoder.decode(prologue());

    const auto exited = decoder.decode({rec(10, kChild, RecordKind::Exit, exitcode, 0)});
    QCOMPARE(describe(exited.events),
             (QStringList{QStringLiteral("201 i exit @10 {\"exitcode\":%1}").arg(exitcode),
                          QStringLiteral("201 E running @10 {}"),
                          QStringLiteral("201 B zombie @10 {}")}));

    // The reap comes in a later batch: the decoder remembers the open zombie.
    const auto reaped = decoder.decode({rec(12, kChild, RecordKind::Reaped, reaper, procState)});
    QCOMPARE(describe(reaped.events),
             (QStringList{QStringLiteral("201 E zombie @12 {}"),
                          QStringLiteral("201 i reaped @12 {\"by\":\"%1\",\"by_pid\":%2,"
                                         "\"proc_state\":\"%3\"}")
                              .arg(by)
                              .arg(reaper)
                              .arg(procStateName)}));

    // Reaped twice (should not happen): no second zombie end.
    const auto again = decoder.decode({rec(13, kChild, RecordKind::Reaped, reaper, procState)});
    QCOMPARE(again.events.size(), 1);
    QCOMPARE(again.events.first().name, ev::Reaped);
}

void TestRecordDecoder::exitSeenAtReapHasNoZombie()
{
    RecordDecoder decoder(kT0);
    decoder.decode(prologue());
    // SIGKILL: the child could not record its exit; the reaper records it for it.
    const auto batch = decoder.decode({rec(20, kChild, RecordKind::Exit, -SIGKILL, ExitSeenAtReap),
                                       rec(20, kChild, RecordKind::Reaped, kMain, 'Z')});
    QCOMPARE(describe(batch.events),
             (QStringList{QStringLiteral("201 i exit @20 {\"exitcode\":-9,\"seen_at_reap\":true}"),
                          QStringLiteral("201 E running @20 {}"),
                          QStringLiteral("201 i reaped @20 {\"by\":\"MainProcess\",\"by_pid\":"
                                         "100,\"proc_state\":\"Z\"}")}));
}

void TestRecordDecoder::joinTimeout_data()
{
    QTest::addColumn<std::int64_t>("timeoutUs");
    QTest::addColumn<QString>("args"); // the join interval's Begin args, compact JSON

    QTest::newRow("join() without timeout")
        << std::int64_t(-1)
        << QStringLiteral("{\"target\":\"Process-1\",\"target_pid\":201,\"timeout\":null}");
    QTest::newRow("implicit join at exit")
        << std::int64_t(-2)
        << QStringLiteral(
               "{\"at_exit\":true,\"target\":\"Process-1\",\"target_pid\":201,\"timeout\":null}");
    QTest::newRow("join(timeout=1.5)")
        << std::int64_t(1'500'000)
        << QStringLiteral("{\"target\":\"Process-1\",\"target_pid\":201,\"timeout\":1.5}");
    QTest::newRow("join(timeout=0)")
        << std::int64_t(0)
        << QStringLiteral("{\"target\":\"Process-1\",\"target_pid\":201,\"timeout\":0}");
}

void TestRecordDecoder::joinTimeout()
{
    QFETCH(std::int64_t, timeoutUs);
    QFETCH(QString, args);

    RecordDecoder decoder(kT0);
    decoder.decode(prologue());
    const auto batch = decoder.decode({rec(5, kMain, RecordKind::JoinBegin, kChild, timeoutUs),
                                       rec(9, kMain, RecordKind::JoinEnd, kChild, 1)});
    QCOMPARE(describe(batch.events),
             (QStringList{QStringLiteral("100 B join @5 %1").arg(args),
                          QStringLiteral("100 E join @9 {\"returned_alive\":true}")}));
    const QJsonValue timeout = batch.events.first().args.value(QStringLiteral("timeout"));
    QCOMPARE(timeout.isNull(), timeoutUs < 0);
}

void TestRecordDecoder::instants_data()
{
    QTest::addColumn<RawRecord>("record");
    QTest::addColumn<QString>("expected");

    QTest::newRow("terminate names its target")
        << rec(3, kMain, RecordKind::Terminate, kChild, SIGTERM)
        << QStringLiteral("100 i terminate @3 {\"signal\":15,\"target\":\"Process-1\","
                          "\"target_pid\":201}");
    QTest::newRow("kill names its target")
        << rec(3, kMain, RecordKind::Kill, kChild, SIGKILL)
        << QStringLiteral(
               "100 i kill @3 {\"signal\":9,\"target\":\"Process-1\",\"target_pid\":201}");
    QTest::newRow("terminate of an unnamed pid")
        << rec(3, kMain, RecordKind::Terminate, 555, SIGTERM)
        << QStringLiteral(
               "100 i terminate @3 {\"signal\":15,\"target\":\"pid 555\",\"target_pid\":555}");
    QTest::newRow("daemon terminated by main's exit")
        << rec(4, kChild, RecordKind::DaemonTerminated, kMain)
        << QStringLiteral("201 i daemon-terminated @4 {\"by\":\"MainProcess\"}");
    QTest::newRow("error message")
        << rec(4, kChild, RecordKind::Error, 0, 0,
               "daemonic processes are not allowed to have children")
        << QStringLiteral("201 i error @4 {\"message\":\"daemonic processes are not allowed to "
                          "have children\"}");
    QTest::newRow("stdout text") << rec(4, kChild, RecordKind::Stdout, 0, 0, "hello from child\n")
                                 << QStringLiteral(
                                        "201 i stdout @4 {\"text\":\"hello from child\\n\"}");
    QTest::newRow("reparent to init")
        << rec(6, kGrandchild, RecordKind::Reparent, kChild, 1)
        << QStringLiteral("301 i reparent @6 {\"new_ppid\":1,\"old_ppid\":201}");
}

void TestRecordDecoder::instants()
{
    QFETCH(RawRecord, record);
    QFETCH(QString, expected);
    RecordDecoder decoder(kT0);
    decoder.decode(prologue());
    const auto batch = decoder.decode({record});
    QCOMPARE(describe(batch.events), QStringList{expected});
}

void TestRecordDecoder::summary_data()
{
    QTest::addColumn<std::string>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QJsonObject>("expected");

    QTest::newRow("summary object")
        << std::string(R"({"counter":1987,"expected":2000,"lost":13})") << true
        << QJsonObject{{QStringLiteral("counter"), 1987},
                       {QStringLiteral("expected"), 2000},
                       {QStringLiteral("lost"), 13}};
    QTest::newRow("empty object") << std::string("{}") << true << QJsonObject{};
    QTest::newRow("not JSON is dropped") << std::string("counter=3") << false << QJsonObject{};
    QTest::newRow("array is dropped") << std::string("[1,2]") << false << QJsonObject{};
    QTest::newRow("truncated is dropped")
        << std::string(R"({"counter":)") << false << QJsonObject{};
}

void TestRecordDecoder::summary()
{
    QFETCH(std::string, text);
    QFETCH(bool, valid);
    QFETCH(QJsonObject, expected);

    RecordDecoder decoder(kT0);
    const auto batch = decoder.decode({rec(30, kMain, RecordKind::Summary, 0, 0, text)});
    QVERIFY(batch.events.isEmpty());
    QCOMPARE(batch.summary.has_value(), valid);
    if (valid)
        QCOMPARE(*batch.summary, expected);
    QVERIFY(!batch.runStatus);
}

void TestRecordDecoder::runEnd_data()
{
    QTest::addColumn<std::int64_t>("status");
    QTest::addColumn<QString>("name");
    QTest::newRow("finished") << std::int64_t(RunStatus::Finished) << QStringLiteral("finished");
    QTest::newRow("lab failed") << std::int64_t(RunStatus::LabFailed) << QStringLiteral("failed");
    QTest::newRow("stopped") << std::int64_t(RunStatus::Stopped) << QStringLiteral("stopped");
    QTest::newRow("timed out") << std::int64_t(RunStatus::TimedOut) << QStringLiteral("timed-out");
    QTest::newRow("unknown number") << std::int64_t(99) << QStringLiteral("unknown");
}

void TestRecordDecoder::runEnd()
{
    QFETCH(std::int64_t, status);
    QFETCH(QString, name);
    QCOMPARE(RecordDecoder::runStatusName(status), name);
    RecordDecoder decoder(kT0);
    const auto batch = decoder.decode({rec(40, kRunner, RecordKind::RunEnd, status)});
    QVERIFY(batch.events.isEmpty());
    QVERIFY(batch.runStatus.has_value());
    QCOMPARE(*batch.runStatus, name);
}

void TestRecordDecoder::batchIsSortedByTime()
{
    RecordDecoder decoder(kT0);
    // Slots drained one after another: the child's slot first, then main's.
    const auto batch = decoder.decode({procBeginRecord(2, kChild, kMain, 0, "Process-1"),
                                       rec(3, kChild, RecordKind::SleepBegin, 10),
                                       rec(13, kChild, RecordKind::SleepEnd),
                                       rec(13, kChild, RecordKind::Exit, 0, 0),
                                       procBeginRecord(0, kMain, kRunner, ProcMain, "MainProcess"),
                                       rec(1, kMain, RecordKind::Start, kChild, 0, "Process-1"),
                                       rec(14, kChild, RecordKind::Reaped, kMain, 'Z')});
    QCOMPARE(
        describe(batch.events),
        (QStringList{
            QStringLiteral("100 M process_name @0 {\"daemon\":false,\"main\":true,\"name\":"
                           "\"MainProcess\",\"ppid\":90,\"spawned\":false}"),
            QStringLiteral("100 B running @0 {}"),
            QStringLiteral("201 M process_name @1 {\"name\":\"Process-1\",\"ppid\":100}"),
            QStringLiteral(
                "100 i start @1 {\"child\":\"Process-1\",\"child_pid\":201,\"method\":\"fork\"}"),
            QStringLiteral("100 s start #201 @1 {}"),
            QStringLiteral("201 M process_name @2 {\"daemon\":false,\"main\":false,\"name\":"
                           "\"Process-1\",\"ppid\":100,\"spawned\":false}"),
            QStringLiteral("201 B running @2 {}"), QStringLiteral("201 f start #201 @2 {}"),
            QStringLiteral("201 B sleep @3 {\"ms\":10}"),
            // Equal times keep the order they were recorded in.
            QStringLiteral("201 E sleep @13 {}"), QStringLiteral("201 i exit @13 {\"exitcode\":0}"),
            QStringLiteral("201 E running @13 {}"), QStringLiteral("201 B zombie @13 {}"),
            QStringLiteral("201 E zombie @14 {}"),
            QStringLiteral("201 i reaped @14 {\"by\":\"MainProcess\",\"by_pid\":100,"
                           "\"proc_state\":\"Z\"}")}));
    for (qsizetype i = 1; i < batch.events.size(); ++i)
        QVERIFY(batch.events[i - 1].ts <= batch.events[i].ts);
}

void TestRecordDecoder::timeIsMicrosecondsSinceT0()
{
    RecordDecoder decoder(kT0);
    RawRecord early = rec(0, kMain, RecordKind::Stdout, 0, 0, "x");
    early.record.tNs = kT0 - 5; // a record from before the run's start is clamped
    const auto batch = decoder.decode({early, rec(1.5, kMain, RecordKind::Stdout, 0, 0, "y"),
                                       rec(2'000'000.001, kMain, RecordKind::Stdout, 0, 0, "z")});
    QCOMPARE(batch.events.size(), 3);
    QCOMPARE(batch.events[0].ts, 0.0);
    QCOMPARE(batch.events[1].ts, 1.5);
    QCOMPARE(batch.events[2].ts, 2'000'000.001);

    decoder.setT0(kT0 + 1000);
    const auto shifted = decoder.decode({rec(1.5, kMain, RecordKind::Stdout, 0, 0, "y")});
    QCOMPARE(shifted.events.value(0).ts, 0.5);
}

// Pipe items of every kind, the wait, EOF and an arrow per message (the nth
// send of an end meets the nth recv from it); a manager call on the proxy's
// lane and its serve on the server's; a phase.
void TestRecordDecoder::pipeAndManagerRecords()
{
    RecordDecoder decoder(kT0);
    constexpr std::int64_t pipe = 192;
    const auto batch = decoder.decode({
        procBeginRecord(0, kMain, kRunner, ProcMain, "MainProcess"),
        procBeginRecord(1, kChild, kMain, 0, "Process-1"),
        rec(2, kMain, RecordKind::ObjectDecl, pipe, std::int64_t(ObjectType::Pipe), "p"),
        rec(3, kChild, RecordKind::PipeWait, pipe, 1),
        rec(4, kMain, RecordKind::PipeSend, packPipe(pipe, 0, PipeItem::Int, 7), -5),
        rec(5, kChild, RecordKind::PipeWait, pipe, 0),
        rec(6, kChild, RecordKind::PipeRecv, packPipe(pipe, 0, PipeItem::Int, 7), -5),
        rec(7, kChild, RecordKind::PipeSend, packPipe(pipe, 1, PipeItem::List, 0), 0, "1,-2"),
        rec(8, kChild, RecordKind::PipeSend, packPipe(pipe, 1, PipeItem::None, 1)),
        rec(9, kChild, RecordKind::PipeSend, packPipe(pipe, 1, PipeItem::String, 2), 0, ""),
        rec(10, kChild, RecordKind::PipeClose, pipe, 1),
        rec(11, kMain, RecordKind::PipeEof, pipe, 0),
        rec(12, kChild, RecordKind::ManagerCallBegin, std::int64_t(ManagerOp::GetItem), 0,
            "d\nkey"),
        rec(13, kGrandchild, RecordKind::ManagerServe, std::int64_t(ManagerOp::GetItem), kChild,
            "d\nkey"),
        rec(14, kChild, RecordKind::ManagerCallEnd, std::int64_t(ManagerOp::GetItem), 1),
        rec(15, kMain, RecordKind::Phase, 0, 1, "queue: send"),
        rec(16, kMain, RecordKind::Phase, 0, 0),
    });
    const qint64 toChild = (qint64(1) << 51) | (qint64(pipe >> 6) << 25) | 7;
    const qint64 fromChild = (qint64(1) << 51) | (qint64(pipe >> 6) << 25) | (qint64(1) << 24);
    const QStringList got = describe(batch.events);
    const QStringList want = {
        QStringLiteral("201 B wait:recv @3 {\"pipe\":\"p\"}"),
        QStringLiteral("100 i send @4 {\"end\":0,\"item\":-5,\"pipe\":\"p\"}"),
        QStringLiteral("100 s send #%1 @4 {}").arg(toChild),
        QStringLiteral("201 E wait:recv @5 {}"),
        QStringLiteral("201 i recv @6 {\"from_end\":0,\"item\":-5,\"pipe\":\"p\"}"),
        QStringLiteral("201 f send #%1 @6 {}").arg(toChild),
        QStringLiteral("201 i send @7 {\"end\":1,\"item\":[1,-2],\"pipe\":\"p\"}"),
        QStringLiteral("201 s send #%1 @7 {}").arg(fromChild),
        QStringLiteral("201 i send @8 {\"end\":1,\"item\":null,\"pipe\":\"p\"}"),
        QStringLiteral("201 s send #%1 @8 {}").arg(fromChild + 1),
        QStringLiteral("201 i send @9 {\"end\":1,\"item\":\"\",\"pipe\":\"p\"}"),
        QStringLiteral("201 s send #%1 @9 {}").arg(fromChild + 2),
        QStringLiteral("201 i close @10 {\"end\":1,\"pipe\":\"p\"}"),
        QStringLiteral("100 i eof @11 {\"end\":0,\"pipe\":\"p\"}"),
        QStringLiteral(
            "201 B manager:call @12 {\"key\":\"key\",\"object\":\"d\",\"op\":\"__getitem__\"}"),
        QStringLiteral("301 i manager:serve @13 {\"client\":\"Process-1\",\"client_pid\":201,"
                       "\"key\":\"key\",\"object\":\"d\",\"op\":\"__getitem__\"}"),
        QStringLiteral("201 E manager:call @14 {\"ok\":false}"),
        QStringLiteral("100 B phase @15 {\"name\":\"queue: send\"}"),
        QStringLiteral("100 E phase @16 {}"),
    };
    // The lanes' own events (names, running) first; compare the rest.
    QCOMPARE(got.mid(got.size() - want.size()), want);
}

void TestRecordDecoder::decodedRunFillsModel()
{
    RecordDecoder decoder(kT0);
    decoder.setRunnerPid(kRunner);
    TraceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The child's batch is drained before main's: the model still puts main first.
    model.append(decoder
                     .decode({procBeginRecord(2, kChild, kMain, 0, "Process-1"),
                              rec(3, kChild, RecordKind::SleepBegin, 10)})
                     .events);
    model.append(decoder
                     .decode({procBeginRecord(0, kMain, kRunner, ProcMain, "MainProcess"),
                              rec(1, kMain, RecordKind::Start, kChild, 0, "Process-1"),
                              rec(4, kMain, RecordKind::JoinBegin, kChild, -1)})
                     .events);
    model.append(
        decoder
            .decode({rec(13, kChild, RecordKind::SleepEnd), rec(14, kChild, RecordKind::Exit, 0, 0),
                     rec(15, kChild, RecordKind::Reaped, kMain, 'Z'),
                     rec(15, kMain, RecordKind::JoinEnd, kChild, 0),
                     rec(16, kMain, RecordKind::Exit, 0, 0)})
            .events);

    QCOMPARE(model.rowCount(), 2);
    const Lane &main = model.lane(0);
    const Lane &child = model.lane(1);
    QCOMPARE(main.name, QStringLiteral("MainProcess"));
    QVERIFY(main.isMain);
    QCOMPARE(child.name, QStringLiteral("Process-1"));
    QCOMPARE(child.ppid, qint64(kMain));

    QStringList childIntervals;
    for (const Interval &iv : child.intervals())
        childIntervals
            << QStringLiteral("%1 %2..%3 d%4").arg(iv.name).arg(iv.t0).arg(iv.t1).arg(iv.depth);
    QCOMPARE(childIntervals,
             (QStringList{QStringLiteral("running 2..14 d0"), QStringLiteral("sleep 3..13 d1"),
                          QStringLiteral("zombie 14..15 d0")}));
    QCOMPARE(child.exitcode, std::optional<int>(0));
    QVERIFY(child.reaped);

    QCOMPARE(model.flows().size(), 1);
    const Flow &f = model.flows().first();
    QCOMPARE(f.fromPid, qint64(kMain));
    QCOMPARE(f.fromTs, 1.0);
    QCOMPARE(f.toPid, qint64(kChild));
    QCOMPARE(f.toTs, 2.0);
}

QTEST_GUILESS_MAIN(TestRecordDecoder)
#include "tst_recorddecoder.moc"
