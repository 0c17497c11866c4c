// SPDX-License-Identifier: MIT
// stress_kill: a host (the GUI `proclab --lab ID --run`, or the CLI
// `proclab-run ID`) runs a random lab; at a random moment of the run (after
// its runner has started, while it still runs) one process is SIGKILLed:
//
//   --target gui     the GUI host
//   --target cli     the CLI host
//   --target runner  proclab-runner (under a GUI or a CLI host, alternately)
//
// Then: how many of the processes that were below the killed one (the lab's
// processes, and the runner when a host was killed) are still alive 1 s
// later (the guarantee: 0), how long until the last one was gone, and what is
// left on disk (entries of the private TMPDIR, new /dev/shm names) once every
// process of the round has ended. Prints one JSON object; exits 0 when every
// round was clean.
//
//   stress_kill --target gui|cli|runner --rounds N [--seed S] [--max-delay-ms D]
#include "processcensus.h"
#include "stresssupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <csignal>
#include <cstdio>
#include <sys/prctl.h>
#include <unistd.h>

using namespace proclab;
using namespace proclab::stress;

namespace {

constexpr qint64 kGuaranteeMs = 1000;
constexpr qint64 kRunStartBoundMs = 30'000;

void problem(const QString &text)
{
    std::fprintf(stderr, "stress_kill: %s\n", qPrintable(text));
}

bool alive(pid_t pid)
{
    const char state = test::procInfo(pid).state;
    return state != '?' && state != 'Z';
}

int countAlive(const QList<pid_t> &pids)
{
    int n = 0;
    for (pid_t p : pids)
        n += alive(p);
    return n;
}

// The runner below `host`, or 0.
pid_t runnerOf(pid_t host)
{
    for (const test::ProcInfo &p : test::descendantsOf(host))
        if (p.ppid == host && p.comm == QLatin1String("proclab-runner") && p.state != 'Z')
            return p.pid;
    return 0;
}

QList<pid_t> pidsBelow(pid_t ancestor)
{
    QList<pid_t> out;
    for (const test::ProcInfo &p : test::descendantsOf(ancestor))
        if (p.state != 'Z')
            out << p.pid;
    return out;
}

struct Round
{
    bool killedDuringRun = false;
    int aliveAfter1s = 0;
    qint64 goneAfterMs = -1; // when the last one had gone
    int watched = 0;         // processes below the killed one
    Census left;             // once everything of the round has ended
};

Round oneRound(const QString &target, bool guiHost, QRandomGenerator &rng, qint64 maxDelayMs,
               const QString &home, const QSet<QString> &shmBaseline, const QString &tempDir)
{
    Round round;
    const RunSpec spec = randomLabRun(rng, 2000); // long enough to be killed midway
    QProcess host;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
    host.setProcessEnvironment(env);
    host.setStandardOutputFile(QProcess::nullDevice());
    host.setStandardErrorFile(QProcess::nullDevice());
    if (guiHost) {
        QStringList args{QStringLiteral("--lab"), spec.lab, QStringLiteral("--run")};
        for (auto it = spec.settings.begin(); it != spec.settings.end(); ++it)
            args << QStringLiteral("--set") << it.key() + QLatin1Char('=') + it.value();
        host.start(qEnvironmentVariable("PROCLAB_APP"), args);
    } else {
        host.start(qEnvironmentVariable("PROCLAB_RUN"), spec.cliArgs());
    }
    if (!host.waitForStarted()) {
        problem(QStringLiteral("cannot start the host: ") + host.errorString());
        return round;
    }
    const pid_t hostPid = pid_t(host.processId());

    // The moment: a random delay after the runner appeared.
    QElapsedTimer clock;
    clock.start();
    pid_t runner = 0;
    while (!(runner = runnerOf(hostPid)) && clock.elapsed() < kRunStartBoundMs &&
           host.state() == QProcess::Running)
        QThread::msleep(2);
    if (runner) {
        QThread::msleep(rng.bounded(quint32(maxDelayMs) + 1));
        const pid_t victim = target == QLatin1String("runner") ? runner : hostPid;
        const QList<pid_t> below = pidsBelow(victim);
        if (alive(runner) && countAlive(below) > 0) {
            round.killedDuringRun = true;
            round.watched = below.size();
            ::kill(victim, SIGKILL);
            QElapsedTimer since;
            since.start();
            while (countAlive(below) > 0 && since.elapsed() < kGuaranteeMs) {
                reapOurZombies(hostPid); // orphans come to this subreaper
                QThread::msleep(5);
            }
            round.aliveAfter1s = countAlive(below);
            while (countAlive(below) > 0 && since.elapsed() < 10 * kGuaranteeMs) {
                reapOurZombies(hostPid);
                QThread::msleep(5);
            }
            round.goneAfterMs = countAlive(below) == 0 ? since.elapsed() : -1;
        }
    }
    // End what is left of the round (a GUI host stays open after its run).
    if (host.state() != QProcess::NotRunning) {
        if (target == QLatin1String("runner") && !guiHost)
            host.waitForFinished(10'000); // the CLI ends itself once its runner died
        if (host.state() != QProcess::NotRunning) {
            host.terminate();
            if (!host.waitForFinished(10'000)) {
                host.kill();
                host.waitForFinished();
            }
        }
    }
    QElapsedTimer settle;
    settle.start();
    do {
        reapOurZombies();
        round.left = census(shmBaseline, tempDir);
        if (round.left.clean())
            break;
        QThread::msleep(10);
    } while (settle.elapsed() < 5000);
    return round;
}

} // namespace

int main(int argc, char **argv)
{
    const bool privateShm = isolateDevShm();
    QCoreApplication app(argc, argv);
    QCommandLineParser args;
    args.addOptions({
        {QStringLiteral("target"), QStringLiteral("gui, cli or runner"), QStringLiteral("what"),
         QStringLiteral("cli")},
        {QStringLiteral("rounds"), QStringLiteral("kills"), QStringLiteral("N"),
         QStringLiteral("10")},
        {QStringLiteral("seed"), QStringLiteral("random seed"), QStringLiteral("S"),
         QStringLiteral("1")},
        {QStringLiteral("max-delay-ms"), QStringLiteral("latest kill after the runner started"),
         QStringLiteral("D"), QStringLiteral("800")},
    });
    args.process(app);
    const QString target = args.value(QStringLiteral("target"));
    const int rounds = args.value(QStringLiteral("rounds")).toInt();
    const qint64 maxDelayMs = args.value(QStringLiteral("max-delay-ms")).toLongLong();
    QRandomGenerator rng(args.value(QStringLiteral("seed")).toUInt());
    prctl(PR_SET_CHILD_SUBREAPER, 1);

    const QString tempDir = qEnvironmentVariable("TMPDIR");
    // The GUI's settings, apart from the user's and outside the temp dir the census reads.
    QTemporaryDir home(QDir(tempDir.isEmpty() ? QDir::tempPath() : tempDir)
                           .absoluteFilePath(QStringLiteral("../stress_kill-home-XXXXXX")));
    const QSet<QString> shmBaseline = shmNames();
    int killed = 0, missed = 0, roundsWithSurvivors = 0, survivors = 0, dirtyRounds = 0;
    int watched = 0;
    qint64 slowestGoneMs = 0;
    QJsonArray dirty;
    QElapsedTimer total;
    total.start();
    for (int attempt = 0; killed < rounds && attempt < rounds * 5; ++attempt) {
        const bool guiHost = target == QLatin1String("gui") ||
                             (target == QLatin1String("runner") && attempt % 2 == 0);
        const Round r = oneRound(target, guiHost, rng, maxDelayMs, home.path(), shmBaseline,
                                 tempDir);
        if (!r.killedDuringRun) {
            ++missed; // the run ended before the moment: draw another
        } else {
            ++killed;
            watched += r.watched;
            survivors += r.aliveAfter1s;
            roundsWithSurvivors += r.aliveAfter1s > 0;
            slowestGoneMs = std::max(slowestGoneMs, r.goneAfterMs < 0 ? 99'999 : r.goneAfterMs);
            if (r.aliveAfter1s > 0)
                problem(QStringLiteral("round %1: %2 process(es) alive 1 s after the kill")
                            .arg(killed)
                            .arg(r.aliveAfter1s));
        }
        if (!r.left.clean()) {
            ++dirtyRounds;
            problem(QStringLiteral("round %1 left %2").arg(attempt).arg(r.left.describe()));
            dirty.append(r.left.describe());
        }
    }
    const QJsonObject report{
        {QStringLiteral("target"), target},
        {QStringLiteral("private_dev_shm"), privateShm},
        {QStringLiteral("kills"), killed},
        {QStringLiteral("runs_ended_before_the_moment"), missed},
        {QStringLiteral("processes_watched"), watched},
        {QStringLiteral("alive_1s_later"), survivors},
        {QStringLiteral("rounds_with_survivors"), roundsWithSurvivors},
        {QStringLiteral("slowest_all_gone_ms"), slowestGoneMs},
        {QStringLiteral("dirty_rounds"), dirtyRounds},
        {QStringLiteral("dirty"), dirty},
        {QStringLiteral("seconds"), double(total.elapsed()) / 1000.0},
    };
    std::printf("%s\n", QJsonDocument(report).toJson(QJsonDocument::Compact).constData());
    return killed == rounds && survivors == 0 && dirtyRounds == 0 ? 0 : 1;
}
