// The IPC labs on real processes, checked from the trace and the summary:
// pipe ping-pong arrives in order with a send -> recv arrow per message and
// EOF at the end (and the receive-only end refuses to send); the Manager's
// server is its own process and lane, serves every worker, and is reaped;
// ipc-compare measures four channels without tracing each message.
#include "labrun.h"
#include "labsession.h"
#include "processcensus.h"
#include "processsuite.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <csignal>
#include <unistd.h>

using namespace proclab;
using test::Params;
using Run = test::LabRun;

class TestIpc : public test::ProcessSuite
{
    Q_OBJECT
private Q_SLOTS:
    void pipePingPong_data();
    void pipePingPong();
    void managerDictAcrossProcesses();
    void ipcCompareMeasuresEveryChannel();
    void stopInTheManagerPhaseLeavesNothing();
    void badParametersAreRefused_data();
    void badParametersAreRefused();
};

namespace {

const Lane *laneNamed(const Run &run, const QString &name)
{
    for (int r = 0; r < run.model.rowCount(); ++r)
        if (run.model.lane(r).name == name)
            return &run.model.lane(r);
    return nullptr;
}

QVector<Marker> markersOf(const Lane &lane, const QString &name)
{
    QVector<Marker> out;
    for (const Marker &m : lane.markers())
        if (m.name == name)
            out.push_back(m);
    return out;
}

} // namespace

void TestIpc::pipePingPong_data()
{
    QTest::addColumn<bool>("duplex");
    QTest::newRow("duplex: one pipe both ways, the child sees EOF") << true;
    QTest::newRow("duplex=False: one one-way pipe, both ends refuse") << false;
}

void TestIpc::pipePingPong()
{
    QFETCH(bool, duplex);
    const int messages = 4;
    Run run(QStringLiteral("pipe"), {{"duplex", duplex ? "true" : "false"},
                                     {"messages", QString::number(messages)},
                                     {"work_ms", "0"}});
    QVERIFY(run.ok);
    QCOMPARE(run.value("child_exitcode"), 0);
    const Lane *main = run.mainLane();
    const Lane *child = laneNamed(run, QStringLiteral("Process-1"));
    QVERIFY(main && child);
    if (!duplex) {
        // As in Python: a only receives, b only sends; nothing moves.
        QCOMPARE(run.value("messages_sent"), 0);
        QCOMPARE(run.value("messages_received"), 0);
        QVERIFY(!run.flag("eof_seen"));
        QCOMPARE(run.summary.value(QLatin1String("send_error")).toString(),
                 QStringLiteral("connection is read-only"));
        QCOMPARE(run.summary.value(QLatin1String("recv_error")).toString(),
                 QStringLiteral("connection is write-only"));
        QCOMPARE(markersOf(*main, ev::Error).size(), 1);
        QCOMPARE(markersOf(*child, ev::Error).size(), 1);
        QCOMPARE(markersOf(*child, ev::Error).first().args.value("message").toString(),
                 QStringLiteral("connection is write-only"));
        QCOMPARE(run.count(ev::Send), 0);
        QCOMPARE(run.count(ev::Recv), 0);
        // ONE pipe: a single pipe object in the run.
        QSet<QString> pipes;
        for (const Marker &m : markersOf(*main, ev::PipeClose))
            pipes.insert(m.args.value(QLatin1String("pipe")).toString());
        QCOMPARE(pipes.size(), 1);
        return;
    }
    QCOMPARE(run.value("messages_sent"), messages);
    QCOMPARE(run.value("messages_received"), messages);
    QVERIFY(run.flag("replies_in_order"));
    QVERIFY(run.flag("eof_seen"));
    QCOMPARE(run.summary.value(QLatin1String("send_error")).toString(), QString());
    // Main's recv items, in time order: pong 0, pong 1, ...
    const QVector<Marker> recvs = markersOf(*main, ev::Recv);
    QCOMPARE(recvs.size(), messages);
    for (int i = 0; i < messages; ++i)
        QCOMPARE(recvs[i].args.value(QLatin1String("item")).toString(),
                 QStringLiteral("pong %1").arg(i));
    const QVector<Marker> childGot = markersOf(*child, ev::Recv);
    QCOMPARE(childGot.size(), messages);
    for (int i = 0; i < messages; ++i)
        QCOMPARE(childGot[i].args.value(QLatin1String("item")).toString(),
                 QStringLiteral("ping %1").arg(i));
    // EOF on the CHILD's lane, after main closed its end (as in Python).
    const QVector<Marker> eofs = markersOf(*child, ev::Eof);
    QCOMPARE(eofs.size(), 1);
    QVERIFY(markersOf(*main, ev::Eof).isEmpty());
    QVERIFY(!markersOf(*main, ev::PipeClose).isEmpty());
    QVERIFY(markersOf(*main, ev::PipeClose).last().t <= eofs.first().t);
    QVERIFY(eofs.first().t >= recvs.last().t);
    // One arrow per message, from the sender's lane to the receiver's, forward in time.
    int arrows = 0;
    for (const Flow &f : run.model.flows()) {
        if (f.name != ev::Send)
            continue;
        ++arrows;
        QVERIFY(f.toTs >= f.fromTs);
        QVERIFY(f.fromPid != f.toPid);
    }
    QCOMPARE(arrows, 2 * messages);
    QVERIFY(markersOf(*main, ev::Error).isEmpty());
    // Main waits for every reply at least once it sent: recv() blocked, traced.
    QVERIFY(run.count(ev::WaitRecv, true) > 0);
}

void TestIpc::managerDictAcrossProcesses()
{
    const int workers = 3;
    Run run(QStringLiteral("manager-dict"), {{"workers", QString::number(workers)}});
    QVERIFY(run.ok);
    QCOMPARE(run.value("keys_written"), workers);
    QCOMPARE(run.value("keys_expected"), workers);
    QCOMPARE(run.value("values_match_writer_pid"), workers);
    // d[key].append(1) changed a copy (lost), d[key] = items stored the 2.
    QCOMPARE(run.value("appends_lost"), workers);
    QCOMPARE(run.value("appends_kept"), workers);

    const Lane *main = run.mainLane();
    const Lane *server = laneNamed(run, QStringLiteral("SyncManager-1"));
    QVERIFY(main && server);
    QCOMPARE(server->pid, run.value("manager_pid"));
    QVERIFY(server->pid != main->pid);
    QCOMPARE(server->ppid, main->pid);
    QVERIFY(server->reaped);
    QCOMPARE(server->exitcode.value_or(-1000), 0);
    // Every worker called the server (an interval on its lane), and the server
    // served a request from each worker's pid.
    const QVector<Marker> served = markersOf(*server, ev::ManagerServe);
    for (int w = 0; w < workers; ++w) {
        const Lane *worker = laneNamed(run, QStringLiteral("Process-%1").arg(w + 2));
        QVERIFY(worker);
        // d[key] = [pid]; d[key] (the copy appended to); items = d[key]; d[key] = items
        const QVector<Interval> calls = run.intervals(*worker, ev::ManagerCall);
        QStringList ops;
        for (const Interval &c : calls) {
            ops << c.args.value(QLatin1String("op")).toString();
            QCOMPARE(c.args.value(QLatin1String("key")).toString(),
                     QStringLiteral("worker-%1").arg(w));
        }
        QCOMPARE(ops, (QStringList{"__setitem__", "__getitem__", "__getitem__", "__setitem__"}));
        QVERIFY(std::any_of(served.begin(), served.end(), [&](const Marker &m) {
            return m.args.value(QLatin1String("client_pid")).toInteger() == worker->pid &&
                   m.args.value(QLatin1String("op")).toString() == QLatin1String("__setitem__");
        }));
    }
    // The server is shut down by main before main ends (it asked, then joined).
    const QVector<Interval> mainCalls = run.intervals(*main, ev::ManagerCall);
    QVERIFY(!mainCalls.isEmpty());
    QCOMPARE(mainCalls.last().args.value(QLatin1String("op")).toString(),
             QStringLiteral("shutdown"));
}

void TestIpc::ipcCompareMeasuresEveryChannel()
{
    const int messages = 500;
    Run run(QStringLiteral("ipc-compare"),
            {{"messages", QString::number(messages)}, {"size_bytes", "32"}});
    QVERIFY(run.ok);
    const QJsonArray methods = run.summary.value(QLatin1String("methods")).toArray();
    const QStringList names = {"file", "pipe", "queue", "shared-memory", "manager"};
    QCOMPARE(methods.size(), names.size());
    for (int i = 0; i < names.size(); ++i) {
        const QJsonObject m = methods.at(i).toObject();
        QCOMPARE(m.value(QLatin1String("name")).toString(), names[i]);
        QCOMPARE(m.value(QLatin1String("messages")).toInteger(), messages);
        QCOMPARE(m.value(QLatin1String("received_intact")).toInteger(), messages);
        QVERIFY(m.value(QLatin1String("complete")).toBool());
        QVERIFY(m.value(QLatin1String("msgs_per_s")).toDouble() > 0);
        QVERIFY(m.value(QLatin1String("latency_us")).toDouble() > 0);
        // Each channel ran on its own producer and consumer lanes, as phases.
        for (const char *role : {"producer", "consumer"}) {
            const Lane *lane = laneNamed(run, names[i] + QLatin1Char('-') + QLatin1String(role));
            QVERIFY2(lane, qPrintable(names[i] + QLatin1Char('-') + QLatin1String(role)));
            QCOMPARE(run.intervals(*lane, ev::Phase).size(), 1);
            QCOMPARE(lane->exitcode.value_or(-1000), 0);
        }
    }
    QCOMPARE(run.intervals(*run.mainLane(), ev::Phase).size(), names.size());
    // Messages are measured, not traced.
    QCOMPARE(run.count(ev::Send), 0);
    QCOMPARE(run.count(ev::Recv), 0);
    QCOMPARE(run.count(ev::Put), 0);
    QCOMPARE(run.count(ev::Get), 0);
    // Python names the server after its identity: the 9th process main started.
    QVERIFY(laneNamed(run, QStringLiteral("SyncManager-9")));
}

// The Manager's server is an ordinary lab process: Stop ends it with the rest.
void TestIpc::stopInTheManagerPhaseLeavesNothing()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model);
    LabSession session(&model);
    QSignalSpy finished(&session, &LabSession::finished);
    QStringList errors;
    QVERIFY(session.start(QStringLiteral("ipc-compare"),
                          {{"messages", "100000"}, {"size_bytes", "200"}}, &errors));
    auto managerConsumerStarted = [&] {
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.lane(r).name == QLatin1String("manager-consumer"))
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(managerConsumerStarted(), Run::kBoundMs);
    QList<qint64> pids;
    bool serverSeen = false;
    for (int r = 0; r < model.rowCount(); ++r) {
        pids << model.lane(r).pid;
        serverSeen = serverSeen || model.lane(r).name.startsWith(QLatin1String("SyncManager-"));
    }
    QVERIFY(serverSeen);
    session.stop();
    QVERIFY(finished.wait(Run::kBoundMs) || finished.count() == 1);
    QCOMPARE(session.state(), LabSession::State::Stopped);
    for (qint64 pid : pids)
        QVERIFY2(::kill(pid_t(pid), 0) != 0, qPrintable(QString::number(pid)));
    QTRY_VERIFY2_WITH_TIMEOUT(test::descendantsOf(::getpid()).isEmpty(),
                              qPrintable(test::describe(test::descendantsOf(::getpid()))), 5000);
    // The manager's socket went with the run's directory. (Looked for by name,
    // not by listing /tmp: other runs may come and go meanwhile.)
    const QString socket = QStringLiteral("manager-%1-1.sock").arg(model.lane(0).pid);
    const QDir tmp = QDir::temp();
    for (const QString &dir : tmp.entryList({QStringLiteral("proclab*")}, QDir::Dirs))
        QVERIFY2(!QFileInfo::exists(tmp.filePath(dir + QLatin1Char('/') + socket)),
                 qPrintable(dir + QLatin1Char('/') + socket));
}

void TestIpc::badParametersAreRefused_data()
{
    QTest::addColumn<QString>("lab");
    QTest::addColumn<Params>("params");
    QTest::addColumn<QString>("message");
    QTest::newRow("pipe: no messages") << "pipe" << Params{{"messages", "0"}} << "messages";
    QTest::newRow("pipe: a run over a minute")
        << "pipe" << Params{{"messages", "1000"}, {"work_ms", "100"}}
        << "messages × work_ms must be at most 60000 ms";
    QTest::newRow("manager-dict: 17 workers")
        << "manager-dict" << Params{{"workers", "17"}} << "workers";
    QTest::newRow("ipc-compare: payload over a Queue item")
        << "ipc-compare" << Params{{"size_bytes", "201"}} << "size_bytes";
    QTest::newRow("ipc-compare: too many messages")
        << "ipc-compare" << Params{{"messages", "200001"}} << "messages";
}

void TestIpc::badParametersAreRefused()
{
    QFETCH(QString, lab);
    QFETCH(Params, params);
    QFETCH(QString, message);
    test::verifyRefused(lab, params, message);
}

QTEST_GUILESS_MAIN(TestIpc)
#include "tst_ipc.moc"
