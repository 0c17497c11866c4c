// SPDX-License-Identifier: MIT
// The reliability figures, short (the long version: run_stress.sh): random
// valid runs of every lab and Python program through one long-lived
// LabSession and through proclab-run, each leaving no process, zombie,
// /dev/shm name or temp file; GUI, CLI and runner SIGKILLed midway with no
// lab process alive 1 s later and nothing left; GUI and CLI sent SIGTERM,
// SIGINT or SIGHUP midway exiting 128 + the signal with nothing left; lock holders terminated at
// random with the next acquirer always getting the lock; the trace loader and
// the parameter parser given mutated real inputs, refusing each bad one with
// a message; heavy runs with every event written decoded.
#include "processcensus.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <unistd.h>

using namespace proclab;

namespace {

constexpr int kBoundMs = 200'000; // a driver that has not ended by then has hung

struct Driver
{
    int exitCode = -1;
    QJsonObject report;
    QString err;
    QString describe() const
    {
        return QStringLiteral("exit %1, report %2, stderr: %3")
            .arg(exitCode)
            .arg(QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Compact)), err);
    }
};

// Runs a driver with a fresh, empty TMPDIR of its own (it counts what is
// left there) and returns its JSON report.
Driver runDriver(const QString &program, const QStringList &args)
{
    Driver d;
    QTemporaryDir temp;
    if (!temp.isValid())
        return d;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TMPDIR"), temp.path());
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(kBoundMs)) {
        p.kill();
        p.waitForFinished();
        d.err = QStringLiteral("no end within %1 ms").arg(kBoundMs);
        return d;
    }
    d.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    d.err = QString::fromLocal8Bit(p.readAllStandardError());
    const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
    d.report = QJsonDocument::fromJson(lines.last()).object();
    return d;
}

int figure(const Driver &d, const char *key)
{
    return d.report.value(QLatin1String(key)).toInt(-1);
}

} // namespace

class TestStress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        for (const char *var : {"PROCLAB_RUN", "PROCLAB_RUNNER", "PROCLAB_APP"})
            QVERIFY2(QFileInfo(qEnvironmentVariable(var)).isExecutable(), var);
    }
    void cleanup()
    {
        QTRY_VERIFY2_WITH_TIMEOUT(test::descendantsOf(getpid()).isEmpty(),
                                  qPrintable(test::describe(test::descendantsOf(getpid()))), 2000);
    }

    void runsLeaveNothing_data()
    {
        QTest::addColumn<QString>("via");
        QTest::addColumn<int>("runs");
        QTest::newRow("one long-lived LabSession") << "session" << 14;
        QTest::newRow("proclab-run per run") << "cli" << 6;
    }
    void runsLeaveNothing()
    {
        QFETCH(QString, via);
        QFETCH(int, runs);
        const Driver d = runDriver(
            QStringLiteral(PROCLAB_STRESS_RUNS),
            {QStringLiteral("--via"), via, QStringLiteral("--runs"), QString::number(runs),
             QStringLiteral("--seed"), QString::number(QRandomGenerator::global()->bounded(1000)),
             QStringLiteral("--python-dir"), QStringLiteral(PROCLAB_PYTHON_PROGRAMS),
             QStringLiteral("--python-share"), QStringLiteral("25"), QStringLiteral("--mark"),
             QString::number(runs / 2)});
        qInfo("%s", qPrintable(d.describe()));
        QVERIFY2(d.exitCode == 0, qPrintable(d.describe()));
        QCOMPARE(figure(d, "runs"), runs);
        QCOMPARE(figure(d, "hangs"), 0);
        QCOMPARE(figure(d, "refused"), 0);
        QCOMPARE(figure(d, "dirty_runs"), 0);
        QCOMPARE(figure(d, "left_processes"), 0);
        QCOMPARE(figure(d, "left_zombies"), 0);
        QCOMPARE(figure(d, "left_shm_names"), 0);
        QCOMPARE(figure(d, "left_temp_entries"), 0);
        if (via == QLatin1String("session")) // the host holds no more fds than halfway
            QCOMPARE(figure(d, "host_fds_at_end"), figure(d, "host_fds_at_mark"));
    }

    void killedHostOrRunnerLeavesNothing_data()
    {
        QTest::addColumn<QString>("target");
        QTest::newRow("GUI") << "gui";
        QTest::newRow("CLI") << "cli";
        QTest::newRow("runner") << "runner";
    }
    void killedHostOrRunnerLeavesNothing()
    {
        QFETCH(QString, target);
        const int rounds = 2;
        const Driver d = runDriver(
            QStringLiteral(PROCLAB_STRESS_KILL),
            {QStringLiteral("--target"), target, QStringLiteral("--rounds"),
             QString::number(rounds), QStringLiteral("--seed"),
             QString::number(QRandomGenerator::global()->bounded(1000))});
        qInfo("%s", qPrintable(d.describe()));
        QCOMPARE(figure(d, "kills"), rounds);
        QVERIFY2(figure(d, "processes_watched") >= rounds, qPrintable(d.describe()));
        QCOMPARE(figure(d, "alive_1s_later"), 0);
        const QString report = d.describe();
        QVERIFY2(d.exitCode == 0, qPrintable(report));
        QCOMPARE(figure(d, "dirty_rounds"), 0);
    }

    // A GUI or proclab-run asked to end (SIGTERM: a logout, `kill`; SIGINT:
    // Ctrl+C; SIGHUP: the terminal closed) mid-run ends its run like a Stop
    // press: exit status 128 + the signal, and by the time it has exited the
    // lab's processes are gone and nothing of the run is left in its TMPDIR.
    // "runner stuck" stops the runner (SIGSTOP) first, so it cannot end the
    // lab itself: the host must kill it after the grace and still clean up.
    // "cli-repeat" is `proclab-run --repeat 5` signalled during its third run
    // or later: it writes the CSV and histogram of the runs completed before.
    void terminatedHostEndsItsRunAndLeavesNothing_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("sig");
        QTest::addColumn<bool>("stuck");
        QTest::addColumn<bool>("modal");
        QTest::newRow("gui SIGTERM") << "gui" << int(SIGTERM) << false << false;
        QTest::newRow("gui SIGTERM, modal dialog open") << "gui" << int(SIGTERM) << false << true;
        QTest::newRow("gui SIGHUP, runner stuck") << "gui" << int(SIGHUP) << true << false;
        QTest::newRow("cli SIGTERM") << "cli" << int(SIGTERM) << false << false;
        QTest::newRow("cli SIGINT, runner stuck") << "cli" << int(SIGINT) << true << false;
        QTest::newRow("cli SIGHUP") << "cli" << int(SIGHUP) << false << false;
        QTest::newRow("cli --repeat SIGTERM") << "cli-repeat" << int(SIGTERM) << false << false;
        QTest::newRow("cli --repeat SIGINT, runner stuck")
            << "cli-repeat" << int(SIGINT) << true << false;
    }
    void terminatedHostEndsItsRunAndLeavesNothing()
    {
        QFETCH(QString, host);
        QFETCH(int, sig);
        QFETCH(bool, stuck);
        QFETCH(bool, modal);
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        QProcess proc;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TMPDIR"), temp.path());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), temp.filePath(QStringLiteral("config")));
        proc.setProcessEnvironment(env);
        const bool repeat = host == QLatin1String("cli-repeat");
        if (!repeat) // a series' lines say which runs it completed
            proc.setStandardOutputFile(QProcess::nullDevice());
        if (host == QLatin1String("gui"))
            proc.setStandardErrorFile(QProcess::nullDevice());
        // proclab-run writes what it has of the stopped run (not into TMPDIR:
        // that must end empty).
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const QString tracePath = out.filePath(QStringLiteral("partial.json"));
        const QString pngPath = out.filePath(QStringLiteral("partial.png"));
        const QString csvPath = out.filePath(QStringLiteral("runs.csv"));
        // A series' runs must end by themselves: 1 s each.
        const QStringList lab{QStringLiteral("--set"), QStringLiteral("n=3"),
                              QStringLiteral("--set"),
                              repeat ? QStringLiteral("work_ms=1000") : QStringLiteral("work_ms=30000"),
                              QStringLiteral("--set"), QStringLiteral("mode=join-after-start")};
        if (host == QLatin1String("gui")) {
            QStringList args{QStringLiteral("--lab"), QStringLiteral("join"), QStringLiteral("--run")};
            if (modal) // a file that cannot be opened: its warning is a modal dialog
                args << temp.filePath(QStringLiteral("missing.json"));
            proc.start(qEnvironmentVariable("PROCLAB_APP"), args + lab);
        } else if (repeat) {
            proc.start(qEnvironmentVariable("PROCLAB_RUN"),
                       QStringList{QStringLiteral("join"), QStringLiteral("--repeat"),
                                   QStringLiteral("5"), QStringLiteral("--csv"), csvPath,
                                   QStringLiteral("--png"), pngPath} +
                           lab);
        } else {
            proc.start(qEnvironmentVariable("PROCLAB_RUN"),
                       QStringList{QStringLiteral("join"), QStringLiteral("--trace"), tracePath,
                                   QStringLiteral("--png"), pngPath} +
                           lab);
        }
        QVERIFY(proc.waitForStarted());
        const pid_t hostPid = pid_t(proc.processId());

        // The run is really under way: the host's runner, the lab's own
        // process group with MainProcess and its 3 children alive, and the
        // run's two directories made.
        pid_t runner = 0;
        QList<pid_t> lab4;
        const auto running = [&] {
            runner = 0;
            lab4.clear();
            const QList<test::ProcInfo> below = test::descendantsOf(hostPid);
            for (const test::ProcInfo &p : below)
                if (p.ppid == hostPid && p.comm == QLatin1String("proclab-runner"))
                    runner = p.pid;
            for (const test::ProcInfo &p : below)
                if (runner && p.pgrp != test::procInfo(runner).pgrp && p.state != 'Z')
                    lab4 << p.pid;
            const QStringList dirs = QDir(temp.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
            return runner && lab4.size() == 4 &&
                   dirs.filter(QStringLiteral("proclab-run-")).size() == 1 &&
                   dirs.filter(QStringLiteral("proclab-trace-")).size() == 1;
        };
        QByteArray out1;
        if (repeat) // two runs completed, the next under way
            QTRY_VERIFY_WITH_TIMEOUT((out1 += proc.readAllStandardOutput()).contains("run 2/5:"),
                                     60'000);
        QTRY_VERIFY_WITH_TIMEOUT(running(), 20'000);
        QList<pid_t> pids = lab4;
        pids << runner;
        if (stuck)
            QCOMPARE(::kill(runner, SIGSTOP), 0);

        QCOMPARE(::kill(hostPid, sig), 0);
        QVERIFY(proc.waitForFinished(20'000));
        QCOMPARE(proc.exitStatus(), QProcess::NormalExit);
        QCOMPARE(proc.exitCode(), 128 + sig);
        // Nothing is left the moment the host has gone (no waiting here).
        QStringList left = QDir(temp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        left.removeAll(QStringLiteral("config")); // the GUI's settings (window geometry)
        QCOMPARE(left, QStringList());
        // The runner and the lab: gone, or (killed after the grace, so
        // re-parented from the host to init) only waiting to be reaped.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (pid_t p : pids) {
                    const char state = test::procInfo(p).state;
                    if (state != '?' && state != 'Z')
                        return false;
                }
                return true;
            }(),
            5000);
        if (!stuck) // the runner ended its lab itself: all reaped before the host exited
            for (pid_t p : pids)
                QCOMPARE(test::procInfo(p).state, '?');

        if (host == QLatin1String("gui"))
            return;
        const QString err = QString::fromLocal8Bit(proc.readAllStandardError());
        const QString sigName = sig == SIGTERM  ? QStringLiteral("SIGTERM")
                                : sig == SIGINT ? QStringLiteral("SIGINT")
                                                : QStringLiteral("SIGHUP");
        if (repeat) {
            // The completed runs (each announced on stdout), one CSV row
            // each, all finished; the histogram; one line naming both files.
            out1 += proc.readAllStandardOutput();
            int announced = 0;
            for (const QByteArray &line : out1.split('\n'))
                announced += line.startsWith("run ") ? 1 : 0;
            QVERIFY2(announced >= 2, out1.constData());
            QVERIFY2(err.contains(QStringLiteral("stopped by ") + sigName) &&
                         err.contains(csvPath) && err.contains(pngPath),
                     qPrintable(err));
            QFile csv(csvPath);
            QVERIFY2(csv.open(QIODevice::ReadOnly), qPrintable(err));
            const QList<QByteArray> rows = csv.readAll().trimmed().split('\n');
            QCOMPARE(rows.size(), 1 + announced);
            for (const QByteArray &row : rows.mid(1))
                QVERIFY2(row.endsWith(",finished"), row.constData());
            QFile png(pngPath);
            QVERIFY(png.open(QIODevice::ReadOnly));
            QCOMPARE(png.read(8), QByteArray("\x89PNG\r\n\x1a\n", 8));
            return;
        }
        // The partial run: a trace that parses, with the lab's real
        // processes in it, an image, and one line saying so.
        QVERIFY2(err.contains(QStringLiteral("stopped by ") + sigName) && err.contains(tracePath) &&
                     err.contains(pngPath),
                 qPrintable(err));
        QFile trace(tracePath);
        QVERIFY2(trace.open(QIODevice::ReadOnly), qPrintable(err));
        QJsonParseError parse;
        const QJsonDocument doc = QJsonDocument::fromJson(trace.readAll(), &parse);
        QVERIFY2(parse.error == QJsonParseError::NoError, qPrintable(parse.errorString()));
        const QJsonArray events = doc.object().value(QStringLiteral("traceEvents")).toArray();
        QSet<pid_t> traced;
        for (const QJsonValue &e : events)
            traced.insert(pid_t(e.toObject().value(QStringLiteral("pid")).toInteger()));
        for (pid_t p : lab4)
            QVERIFY2(traced.contains(p),
                     qPrintable(QStringLiteral("pid %1 not in the trace").arg(p)));
        QFile png(pngPath);
        QVERIFY(png.open(QIODevice::ReadOnly));
        QCOMPARE(png.read(8), QByteArray("\x89PNG\r\n\x1a\n", 8));
    }

    void terminatedLockHolderNeverHangsTheNext()
    {
        const int rounds = 60;
        const Driver d = runDriver(QStringLiteral(PROCLAB_STRESS_LOCK),
                                   {QString::number(rounds), QStringLiteral("7")});
        qInfo("%s", qPrintable(d.describe()));
        QVERIFY2(d.exitCode == 0, qPrintable(d.describe()));
        QCOMPARE(figure(d, "rounds"), rounds);
        QCOMPARE(figure(d, "hangs"), 0);
        // Some holders really died holding the lock (else nothing was recovered).
        QVERIFY2(figure(d, "holder_died_holding_it") > 0, qPrintable(d.describe()));
    }

    void mutatedTracesAreRefusedWithAMessage()
    {
        // Real traces to start from, written by the real CLI.
        QTemporaryDir seeds;
        QVERIFY(seeds.isValid());
        for (const QStringList &run :
             {QStringList{QStringLiteral("join"), QStringLiteral("--set"), QStringLiteral("n=2")},
              QStringList{QStringLiteral("pipe"), QStringLiteral("--set"),
                          QStringLiteral("messages=3")},
              QStringList{QStringLiteral("counter-race"), QStringLiteral("--set"),
                          QStringLiteral("workers=2"), QStringLiteral("--set"),
                          QStringLiteral("increments=20")}}) {
            QProcess cli;
            cli.start(qEnvironmentVariable("PROCLAB_RUN"),
                      run + QStringList{QStringLiteral("--trace"),
                                        seeds.filePath(run.first() + QStringLiteral(".json"))});
            QVERIFY(cli.waitForFinished(kBoundMs));
            QCOMPARE(cli.exitCode(), 0);
        }
        const Driver d = runDriver(QStringLiteral(PROCLAB_FUZZ_INPUTS),
                                   {QStringLiteral("--traces"), seeds.path(),
                                    QStringLiteral("--inputs"), QStringLiteral("400")});
        qInfo("%s", qPrintable(d.describe()));
        QCOMPARE(figure(d, "inputs"), 400);
        QCOMPARE(figure(d, "refused_without_message"), 0);
        // Whatever is accepted is written back and read again as it was.
        QCOMPARE(figure(d, "round_trip_failures"), 0);
        QVERIFY2(d.exitCode == 0, qPrintable(d.describe()));
        QVERIFY2(figure(d, "refused") > 0, "no mutation was refused: the loop tests nothing");
    }

    void mutatedSettingsAreRefusedWithAMessage()
    {
        const Driver d = runDriver(QStringLiteral(PROCLAB_FUZZ_INPUTS),
                                   {QStringLiteral("--params"), QStringLiteral("--inputs"),
                                    QStringLiteral("3000")});
        qInfo("%s", qPrintable(d.describe()));
        QVERIFY2(d.exitCode == 0, qPrintable(d.describe()));
        QCOMPARE(figure(d, "inputs"), 3000);
        QCOMPARE(figure(d, "refused_without_message"), 0);
        QVERIFY(figure(d, "refused") > 0 && figure(d, "accepted") > 0);
    }

    void heavyRunsLoseNoRecord()
    {
        const Driver d = runDriver(QStringLiteral(PROCLAB_STRESS_RUNS),
                                   {QStringLiteral("--heavy"), QStringLiteral("--increments"),
                                    QStringLiteral("1000"), QStringLiteral("--items"),
                                    QStringLiteral("100")});
        qInfo("%s", qPrintable(d.describe()));
        QVERIFY2(d.exitCode == 0, qPrintable(d.describe()));
        const QJsonArray rows = d.report.value(QStringLiteral("heavy")).toArray();
        QCOMPARE(rows.size(), 3);
        for (const QJsonValue &row : rows)
            for (const QJsonValue &c : row[QStringLiteral("counts")].toArray())
                QVERIFY2(c[QStringLiteral("written")] == c[QStringLiteral("decoded")],
                         qPrintable(d.describe()));
    }
};

QTEST_GUILESS_MAIN(TestStress)
#include "tst_stress.moc"
