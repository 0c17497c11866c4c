// LabSession against real runs: Stop, a killed runner, a killed host, and
// repeated runs leave no process, zombie, fd or file behind; bad input starts
// nothing; the host keeps ticking; no record is lost (docs/RELIABILITY.md).
#include "labsession.h"
#include "processcensus.h"
#include "processsuite.h"
#include "runnerending.h"
#include "tracemodel.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <csignal>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace proclab;
using proclab::test::descendantsOf;
using Params = QMap<QString, QString>;

namespace {

constexpr int kRunBoundMs = 30000; // a lab that should end in ~1 s gets this long at most

int openFdCount()
{
    return int(QDir(QStringLiteral("/proc/self/fd"))
                   .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                   .size());
}

QList<test::ProcInfo> liveDescendants()
{
    QList<test::ProcInfo> out;
    for (const auto &p : descendantsOf(getpid()))
        if (p.state != 'Z')
            out << p;
    return out;
}

bool anyAlive(const QList<qint64> &pids)
{
    for (qint64 pid : pids) {
        const auto info = test::procInfo(pid_t(pid));
        if (info.state != '?' && info.state != 'Z')
            return true;
    }
    return false;
}

QList<qint64> lanePids(const TraceModel &m)
{
    QList<qint64> out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.lane(r).pid;
    return out;
}

// Starts a run that lasts (3 children working 30 s) and waits until its 4
// lanes are shown. The caller returns when QTest::currentTestFailed().
void startLongJoin(LabSession &session, const TraceModel &model)
{
    QStringList errors;
    QVERIFY2(session.start(QStringLiteral("join"),
                           {{"n", "3"}, {"work_ms", "30000"}, {"mode", "join-after-start"}},
                           &errors),
             qPrintable(errors.join(QLatin1Char(';'))));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 4, kRunBoundMs);
}

} // namespace

class TestLabSession : public test::ProcessSuite
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Like the GUI: re-parented orphans come to this process to be reaped.
        prctl(PR_SET_CHILD_SUBREAPER, 1);
        QVERIFY(!test::usePrivateTempDir().isEmpty()); // runs beside us make their own leftovers
        QVERIFY2(QFileInfo(LabSession::runnerPath()).isExecutable(),
                 qPrintable(LabSession::runnerPath()));
    }

    void badInputStartsNothing_data()
    {
        QTest::addColumn<QString>("lab");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("n zero") << "join"
                                << "n"
                                << "0" << QStringLiteral("n must be 1–64, got 0");
        QTest::newRow("fork bomb") << "start-processes"
                                   << "n"
                                   << "1000000" << QStringLiteral("n must be 1–64, got 1000000");
        QTest::newRow("not a number")
            << "join"
            << "work_ms"
            << "NaN" << QStringLiteral("work_ms must be a whole number 0–60000, got 'NaN'");
        QTest::newRow("bad choice")
            << "isolation"
            << "method"
            << "vfork" << QStringLiteral("method must be one of fork, spawn, got 'vfork'");
        QTest::newRow("unknown lab") << "no-such-lab"
                                     << "n"
                                     << "1" << QStringLiteral("unknown lab 'no-such-lab'");
    }
    void badInputStartsNothing()
    {
        QFETCH(QString, lab);
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        LabSession session(&model);
        QSignalSpy started(&session, &LabSession::started);
        QStringList errors;
        QVERIFY(!session.start(lab, {{key, value}}, &errors));
        QVERIFY2(errors.join('\n').contains(message), qPrintable(errors.join('\n')));
        QCOMPARE(started.count(), 0);
        QCOMPARE(session.runnerPid(), 0);
        QVERIFY(descendantsOf(getpid()).isEmpty());
    }

    void finishedRunReportsEveryProcess()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        LabSession session(&model);
        QSignalSpy finished(&session, &LabSession::finished);
        QStringList errors;
        QVERIFY(session.start(QStringLiteral("join"), {{"n", "3"}, {"work_ms", "100"}}, &errors));
        QVERIFY(finished.wait(kRunBoundMs));
        QCOMPARE(session.state(), LabSession::State::Finished);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.lane(0).name, QStringLiteral("MainProcess"));
        QCOMPARE(model.runStatus(), QStringLiteral("finished"));
        for (int r = 0; r < model.rowCount(); ++r) {
            const Lane &l = model.lane(r);
            QVERIFY2(l.exitcode && *l.exitcode == 0, qPrintable(l.name));
            QVERIFY2(l.reaped, qPrintable(l.name));
        }
        QVERIFY(model.summary().contains(QStringLiteral("elapsed_ms")));
        QCOMPARE(model.flows().size(), 3); // one start() arrow per child
    }

    void stopEndsEveryProcessWithinOneSecond()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        LabSession session(&model);
        QSignalSpy finished(&session, &LabSession::finished);
        startLongJoin(session, model);
        if (QTest::currentTestFailed())
            return;
        const QList<qint64> pids = lanePids(model);
        QVERIFY(anyAlive(pids));
        session.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!anyAlive(pids), 1000);
        QVERIFY(finished.count() == 1 || finished.wait(kRunBoundMs)); // wait() waits for a NEW one
        QCOMPARE(session.state(), LabSession::State::Stopped);
        QCOMPARE(model.runStatus(), QStringLiteral("stopped"));
        // The runner reaped them all, and the trace says so.
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY2(model.lane(r).reaped, qPrintable(model.lane(r).name));
    }

    void destroyedMidRunEndsTheRunWithoutWaiting()
    {
        // Closing the window deletes the session mid-run: the destructor must
        // not wait for the runner (the GUI thread would freeze). It hands the
        // runner on, so right after it the runner is not yet reaped (still
        // listed in /proc); the run then ends under the event loop.
        const QStringList leftoversBefore = test::proclabLeftovers();
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        auto *session = new LabSession(&model);
        startLongJoin(*session, model);
        if (QTest::currentTestFailed())
            return;
        const QList<qint64> pids = lanePids(model);
        const pid_t runner = pid_t(session->runnerPid());
        QVERIFY(anyAlive(pids));
        delete session;
        QVERIFY2(test::procInfo(runner).state != '?', "the destructor waited for the runner");
        QTRY_VERIFY_WITH_TIMEOUT(!anyAlive(pids), 1000);
        QTRY_VERIFY2_WITH_TIMEOUT(descendantsOf(getpid()).isEmpty(),
                                  qPrintable(test::describe(descendantsOf(getpid()))), 2000);
        QTRY_COMPARE_WITH_TIMEOUT(test::proclabLeftovers(), leftoversBefore, 2000);
        QTRY_COMPARE_WITH_TIMEOUT(RunnerEnding::pending(), 0, 3000);
    }

    void applicationEndingFirstLeavesNoRunDirectory()
    {
        // The application ends before a handed-over runner did (a host ended
        // by a signal whose runner does not answer): RunnerEnding's destructor
        // kills the lab and the runner, and removes both of the run's
        // directories, since the killed runner cannot. The runner is stopped
        // (SIGSTOP) so it cannot clean up itself first.
        const QStringList leftoversBefore = test::proclabLeftovers();
        TraceModel model;
        auto *session = new LabSession(&model);
        startLongJoin(*session, model);
        if (QTest::currentTestFailed())
            return;
        const QList<qint64> pids = lanePids(model);
        const pid_t runner = pid_t(session->runnerPid());
        const qint64 group = session->labProcessGroup();
        QVERIFY(group > 0);
        const QString traceDir = session->traceDirectory();
        QVERIFY(QFileInfo::exists(traceDir));
        QVERIFY(::kill(runner, SIGSTOP) == 0);
        delete session;
        const QList<RunnerEnding *> endings = qApp->findChildren<RunnerEnding *>();
        QCOMPARE(endings.size(), 1);
        delete endings.first(); // what the application's destructor does
        QCOMPARE(RunnerEnding::pending(), 0);
        QCOMPARE(test::procInfo(runner).state, '?'); // killed and reaped
        QVERIFY2(!QFileInfo::exists(traceDir), qPrintable(traceDir));
        QCOMPARE(test::proclabLeftovers(), leftoversBefore);
        // The lab was killed; its processes (re-parented to us) are reaped here.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                siginfo_t info{};
                while (waitid(P_PGID, id_t(group), &info, WEXITED | WNOHANG) == 0 &&
                       info.si_pid != 0)
                    info = {};
                return !anyAlive(pids) && descendantsOf(getpid()).isEmpty();
            }(),
            2000);
    }

    void killedRunnerLeavesNoLabProcess()
    {
        const QStringList leftoversBefore = test::proclabLeftovers();
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        LabSession session(&model);
        QSignalSpy finished(&session, &LabSession::finished);
        startLongJoin(session, model);
        if (QTest::currentTestFailed())
            return;
        const QList<qint64> pids = lanePids(model);
        QVERIFY(::kill(pid_t(session.runnerPid()), SIGKILL) == 0);
        QVERIFY(finished.count() == 1 || finished.wait(kRunBoundMs)); // wait() waits for a NEW one
        QCOMPARE(session.state(), LabSession::State::Crashed);
        QCOMPARE(session.message(), QStringLiteral("lab engine stopped unexpectedly"));
        QTRY_VERIFY_WITH_TIMEOUT(!anyAlive(pids), 1000);
        // Zombies re-parented to us are reaped too (nothing lingers as Z).
        QTRY_VERIFY2_WITH_TIMEOUT(descendantsOf(getpid()).isEmpty(),
                                  qPrintable(test::describe(descendantsOf(getpid()))), 2000);
        // The run's directory went with it (the runner could not remove it).
        QCOMPARE(test::proclabLeftovers(), leftoversBefore);
        // Still usable afterwards.
        QStringList errors;
        QVERIFY(session.start(QStringLiteral("join"), {{"n", "1"}, {"work_ms", "0"}}, &errors));
        QVERIFY(finished.wait(kRunBoundMs));
        QCOMPARE(session.state(), LabSession::State::Finished);
    }

    void killedHostLeavesNoLabProcess()
    {
        // The host here is proclab-run; SIGKILL it while its lab runs.
        const QStringList leftoversBefore = test::proclabLeftovers();
        QProcess host;
        host.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        host.start(
            qEnvironmentVariable("PROCLAB_RUN"),
            {"join", "--set", "n=3", "--set", "work_ms=30000", "--set", "mode=join-after-start"});
        QVERIFY(host.waitForStarted());
        const pid_t hostPid = pid_t(host.processId());
        // runner + MainProcess + 3 children
        QTRY_VERIFY_WITH_TIMEOUT(descendantsOf(hostPid).size() >= 5, kRunBoundMs);
        QList<qint64> pids;
        for (const auto &p : descendantsOf(hostPid))
            pids << p.pid;
        QVERIFY(::kill(hostPid, SIGKILL) == 0);
        QVERIFY(host.waitForFinished(kRunBoundMs));
        QTRY_VERIFY_WITH_TIMEOUT(!anyAlive(pids), 1000);
        // The orphaned runner ended itself; as the nearest subreaper we reap it.
        for (qint64 pid : pids)
            waitpid(pid_t(pid), nullptr, WNOHANG);
        QTRY_VERIFY2_WITH_TIMEOUT(
            [&] {
                for (qint64 pid : pids)
                    waitpid(pid_t(pid), nullptr, WNOHANG);
                return descendantsOf(getpid()).isEmpty();
            }(),
            qPrintable(test::describe(descendantsOf(getpid()))), 2000);
        // The host could not remove the run's directory; the runner did.
        QCOMPARE(test::proclabLeftovers(), leftoversBefore);
    }

    void timeoutEndsTheRun()
    {
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        LabSession session(&model);
        QSignalSpy finished(&session, &LabSession::finished);
        QStringList errors;
        QVERIFY(session.start(QStringLiteral("join"), {{"n", "2"}, {"work_ms", "30000"}}, &errors,
                              0.3));
        QVERIFY(finished.wait(kRunBoundMs));
        QCOMPARE(session.state(), LabSession::State::TimedOut);
        QCOMPARE(model.runStatus(), QStringLiteral("timed-out"));
        QVERIFY(!anyAlive(lanePids(model)));
    }

    void repeatedRunsLeaveNothing_data()
    {
        QTest::addColumn<QString>("lab");
        QTest::addColumn<Params>("params");
        QTest::newRow("start-processes fork")
            << "start-processes"
            << Params{{"n", "4"}, {"sleep_min_ms", "0"}, {"sleep_max_ms", "20"}};
        QTest::newRow("start-processes spawn")
            << "start-processes"
            << Params{
                   {"n", "3"}, {"sleep_min_ms", "0"}, {"sleep_max_ms", "20"}, {"method", "spawn"}};
        QTest::newRow("join no-join")
            << "join" << Params{{"n", "3"}, {"work_ms", "20"}, {"mode", "no-join"}};
        QTest::newRow("isolation spawn") << "isolation" << Params{{"method", "spawn"}};
        QTest::newRow("daemon") << "daemon"
                                << Params{{"child_work_ms", "2000"}, {"main_work_ms", "20"}};
        QTest::newRow("terminate")
            << "terminate" << Params{{"terminate_after_ms", "10"}, {"join_after_ms", "10"}};
    }
    void repeatedRunsLeaveNothing()
    {
        QFETCH(QString, lab);
        QFETCH(Params, params);
        const int fdsBefore = openFdCount();
        const QStringList leftoversBefore = test::proclabLeftovers();
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        LabSession session(&model);
        QSignalSpy finished(&session, &LabSession::finished);
        for (int round = 0; round < 5; ++round) {
            QStringList errors;
            QVERIFY2(session.start(lab, params, &errors), qPrintable(errors.join('\n')));
            QVERIFY(finished.wait(kRunBoundMs));
            QCOMPARE(session.state(), LabSession::State::Finished);
            QVERIFY2(liveDescendants().isEmpty(), qPrintable(test::describe(liveDescendants())));
            for (int r = 0; r < model.rowCount(); ++r)
                QVERIFY2(model.lane(r).reaped, qPrintable(model.lane(r).name));
        }
        QCOMPARE(openFdCount(),
                 fdsBefore + 1); // the last run's ring stays mapped until the next start
        QCOMPARE(test::proclabLeftovers(), leftoversBefore);
    }

    void noRecordLostUnderManyProcesses()
    {
        // 64 children, each: lane, 2 lines printed, a sleep, an exit, a reap.
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        LabSession session(&model);
        QSignalSpy finished(&session, &LabSession::finished);
        QStringList errors;
        QVERIFY(session.start(QStringLiteral("start-processes"),
                              {{"n", "64"}, {"sleep_min_ms", "0"}, {"sleep_max_ms", "0"}},
                              &errors));
        // Event-loop latency probe: the host keeps ticking while 64 processes report.
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0, worstGap = 0;
        QTimer probe;
        connect(&probe, &QTimer::timeout, [&] {
            worstGap = std::max(worstGap, clock.elapsed() - last);
            last = clock.elapsed();
        });
        probe.start(5);
        QVERIFY(finished.wait(kRunBoundMs));
        probe.stop();
        QCOMPARE(session.state(), LabSession::State::Finished);
        QCOMPARE(model.rowCount(), 65);
        int stdoutLines = 0, exits = 0, reaps = 0, sleeps = 0;
        for (int r = 1; r < model.rowCount(); ++r) {
            for (const Marker &m : model.lane(r).markers()) {
                stdoutLines += m.name == ev::Stdout;
                exits += m.name == ev::Exit;
                reaps += m.name == ev::Reaped;
            }
            for (const Interval &iv : model.lane(r).intervals())
                sleeps += iv.name == ev::Sleep;
        }
        QCOMPARE(stdoutLines, 64 * 2);
        QCOMPARE(exits, 64);
        QCOMPARE(reaps, 64);
        QCOMPARE(sleeps, 64);
        QCOMPARE(model.flows().size(), 64);
        qInfo("worst event-loop gap during the run: %lld ms", worstGap);
        QVERIFY2(worstGap < 1000, qPrintable(QString::number(worstGap)));
    }
};

QTEST_GUILESS_MAIN(TestLabSession)
#include "tst_labsession.moc"
