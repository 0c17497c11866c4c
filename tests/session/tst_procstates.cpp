// Process states sampled from /proc on real processes: the runner's sampler
// records only changes; a zombie really is Z in /proc while its parent holds
// off join(); an orphan really is adopted (and reaped) by the runner; workers
// pinned to one core never run at once, unpinned ones use several cores.
#include "labrun.h"
#include "labsession.h"
#include "processcensus.h"
#include "processsuite.h"
#include "procsampler.h"
#include "sampledstate.h"
#include "tracemodel.h"
#include "tracewriter.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace proclab;
using test::Params;

using Run = test::LabRun;

namespace {

int laneNamed(const TraceModel &model, const QString &name)
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.lane(r).name == name)
            return r;
    return -1;
}

const Marker *firstMarker(const Lane &lane, const QString &name)
{
    for (const Marker &m : lane.markers())
        if (m.name == name)
            return &m;
    return nullptr;
}

// The lane's `state` or `cpu` counter values in time order.
QList<int> counterValues(const Lane &lane, const QString &name)
{
    QList<int> out;
    for (const TraceEvent &e : lane.counterEvents())
        if (e.ph == TraceEvent::Counter && e.name == name)
            out << e.args.value(name).toInt();
    return out;
}

// Records of ring slot `slot` not yet read.
QList<Record> drainSlot(const TraceRing &ring, std::uint32_t slot)
{
    QList<Record> out;
    SlotHeader *h = ring.slot(slot);
    const std::uint64_t w = h->written.load(), cap = ring.header()->slotCapacity;
    for (std::uint64_t i = h->read.load(); i < w; ++i)
        out << ring.records(slot)[i & (cap - 1)];
    h->read.store(w);
    return out;
}

QString kinds(const QList<Record> &records)
{
    QStringList out;
    for (const Record &r : records)
        out << QStringLiteral("%1:%2")
                   .arg(int(r.kind))
                   .arg(r.kind == RecordKind::ProcState ? QString(QChar(char(r.a)))
                                                        : QString::number(r.a));
    return out.join(QLatin1Char(' '));
}

// The mean share of one CPU two processes used together, over the time both
// were sampled (µs in *overlapUs), from the runner's cpu_share windows.
double cpuTogether(const Lane &x, const Lane &y, double *overlapUs)
{
    double together = 0, weighted = 0;
    for (const CpuShare &a : x.cpuShares())
        for (const CpuShare &b : y.cpuShares()) {
            const double overlap = std::min(a.t1, b.t1) - std::max(a.t0, b.t0);
            if (overlap <= 0)
                continue;
            together += overlap;
            weighted += overlap * (a.percent + b.percent);
        }
    *overlapUs = together;
    return together > 0 ? weighted / together : 0;
}

} // namespace

class TestProcStates : public test::ProcessSuite
{
    Q_OBJECT
private Q_SLOTS:
    void samplerRecordsOnlyChanges();
    void zombieIsZInProcUntilJoined();
    void orphanIsAdoptedAndReapedByRunner();
    void pinnedWorkersNeverRunAtOnce();
    void unpinnedWorkersMayUseEveryCore();
    void badWorkTotalIsRefused();
};

// The sampler itself, on a child of this test: 50 rounds of an unchanged
// sleeping process write one state and one CPU record; its exit adds one
// (Z), its reap none.
void TestProcStates::samplerRecordsOnlyChanges()
{
    TraceRing ring;
    const int ringFd = TraceRing::create(4, 1024, &ring);
    QVERIFY(ringFd >= 0);
    int hold[2];
    QVERIFY(pipe(hold) == 0);
    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0) { // only async-signal-safe calls: this test process has threads
        char c;
        close(hold[1]);
        (void)!read(hold[0], &c, 1);
        _exit(0);
    }
    close(hold[0]);
    ring.slot(1)->pid.store(child);
    ring.header()->slotsClaimed.store(2);
    trace::bind(ring, 0);
    // The sampler only follows its own lab's process group: ours, here.
    ProcSampler sampler(ring, getpgrp());

    // Wait until the child sleeps in read() (it may still be starting up).
    QTRY_COMPARE_WITH_TIMEOUT(test::procInfo(child).state, 'S', 5000);
    for (int i = 0; i < 50; ++i)
        sampler.sampleOnce();
    QList<Record> records = drainSlot(ring, 0);
    QCOMPARE(kinds(records).count(QStringLiteral("40:")), 1);
    QCOMPARE(kinds(records).count(QStringLiteral("41:")), 1);
    QCOMPARE(records.size(), 2);
    QCOMPARE(records[0].pid, child);
    QCOMPARE(char(records[0].a), 'S');

    close(hold[1]); // the child exits; unreaped it is a zombie
    siginfo_t info{};
    QCOMPARE(waitid(P_PID, id_t(child), &info, WEXITED | WNOWAIT), 0);
    for (int i = 0; i < 20; ++i)
        sampler.sampleOnce();
    records = drainSlot(ring, 0);
    QVERIFY2(records.size() >= 1 && records.size() <= 2,
             qPrintable(kinds(records))); // + a CPU move
    QCOMPARE(records[0].kind, RecordKind::ProcState);
    QCOMPARE(char(records[0].a), 'Z');

    QCOMPARE(waitpid(child, nullptr, 0), child);
    for (int i = 0; i < 20; ++i)
        sampler.sampleOnce();
    QCOMPARE(kinds(drainSlot(ring, 0)), QString());
    QCOMPARE(sampler.rounds(), std::uint64_t(90));
    trace::bind(TraceRing{}, 0);
    ring.unmap();
    close(ringFd);
}

void TestProcStates::zombieIsZInProcUntilJoined()
{
    TraceModel model;
    QAbstractItemModelTester tester(&model);
    LabSession session(&model);
    QSignalSpy finished(&session, &LabSession::finished);
    QStringList errors;
    QVERIFY2(session.start(QStringLiteral("zombie-orphan"),
                           {{"mode", "zombie"}, {"hold_ms", "3000"}}, &errors),
             qPrintable(errors.join('\n')));
    // Wait (on the live trace, no sleep) until the sampler has seen the child as a zombie...
    int row = -1;
    QTRY_VERIFY_WITH_TIMEOUT((row = laneNamed(model, QStringLiteral("Zombie"))) >= 0 &&
                                 model.sampledState(row, model.now()) == ev::StateZombie,
                             20000);
    const Lane &seen = model.lane(row);
    QVERIFY(!seen.reaped);
    // ...then read /proc ourselves: the parent is still holding off join().
    const test::ProcInfo info = test::procInfo(pid_t(seen.pid));
    QCOMPARE(info.state, 'Z');
    QCOMPARE(qint64(info.ppid), model.lane(laneNamed(model, QStringLiteral("MainProcess"))).pid);

    QVERIFY(finished.wait(Run::kBoundMs));
    QCOMPARE(session.state(), LabSession::State::Finished);
    const Lane &zombie = model.lane(laneNamed(model, QStringLiteral("Zombie")));
    QCOMPARE(model.summary().value(QStringLiteral("observed_state")).toString(),
             QStringLiteral("Z"));
    QCOMPARE(model.summary().value(QStringLiteral("zombie_pid")).toInteger(), zombie.pid);
    // The zombie stretch lasts about the hold and ends exactly at the reap by MainProcess.
    const Marker *reaped = firstMarker(zombie, ev::Reaped);
    QVERIFY(reaped);
    QCOMPARE(reaped->args.value(QStringLiteral("by")).toString(), QStringLiteral("MainProcess"));
    QVERIFY(!zombie.states().isEmpty());
    const Interval &last = zombie.states().last();
    QCOMPARE(last.name, ev::StateZombie);
    QCOMPARE(last.t1, reaped->t);
    QVERIFY2(last.t1 - last.t0 > 2'000'000, qPrintable(QString::number(last.t1 - last.t0)));
    QVERIFY(test::procInfo(pid_t(zombie.pid)).state == '?');
}

void TestProcStates::orphanIsAdoptedAndReapedByRunner()
{
    Run run(QStringLiteral("zombie-orphan"), {{"mode", "orphan"}, {"hold_ms", "800"}});
    QVERIFY(run.ok);
    const qint64 runner = run.session.runnerPid();
    QVERIFY(runner > 0);
    QCOMPARE(run.value("runner_pid"), runner);
    QCOMPARE(run.value("new_ppid"), runner);
    QCOMPARE(run.summary.value(QStringLiteral("reaped_by")).toString(), QStringLiteral("runner"));

    const int parentRow = laneNamed(run.model, QStringLiteral("Parent"));
    QVERIFY(parentRow >= 0);
    const qint64 parent = run.model.lane(parentRow).pid;
    QCOMPARE(run.value("old_ppid"), parent);
    const int orphanRow = run.model.rowOfPid(run.value("orphan_pid"));
    QVERIFY(orphanRow >= 0);
    const Lane &orphan = run.model.lane(orphanRow);
    QCOMPARE(orphan.ppid, parent);

    // The sampler saw the parent change: from the Parent process to the runner...
    const Marker *reparent = firstMarker(orphan, ev::Reparent);
    QVERIFY(reparent);
    QCOMPARE(reparent->args.value(QStringLiteral("old_ppid")).toInteger(), parent);
    QCOMPARE(reparent->args.value(QStringLiteral("new_ppid")).toInteger(), runner);
    // ...after the parent's exit, while the orphan still ran.
    const Marker *parentExit = firstMarker(run.model.lane(parentRow), ev::Exit);
    QVERIFY(parentExit && parentExit->t <= reparent->t);
    const Marker *exit = firstMarker(orphan, ev::Exit);
    QVERIFY(exit && reparent->t < exit->t);
    QCOMPARE(exit->args.value(QStringLiteral("exitcode")).toInt(), 0);
    // The runner reaped it, and nothing survived.
    const Marker *reaped = firstMarker(orphan, ev::Reaped);
    QVERIFY(reaped);
    QCOMPARE(reaped->args.value(QStringLiteral("by_pid")).toInteger(), runner);
    QCOMPARE(reaped->args.value(QStringLiteral("by")).toString(), QStringLiteral("runner"));
    QCOMPARE(test::procInfo(pid_t(orphan.pid)).state, '?');
    QVERIFY(test::membersOfGroup(pid_t(run.model.lane(0).pid)).isEmpty());
}

// Two CPU-bound workers pinned to one core (main pins itself before it
// starts them; they inherit the mask at fork): every CPU sample of a worker
// names that core, and together they used no more CPU time than wall time
// (one core's worth): they took turns, never ran at the same instant. Wall
// times are only reported: other load on this machine changes them.
void TestProcStates::pinnedWorkersNeverRunAtOnce()
{
    Run run(QStringLiteral("concurrency-parallelism"),
            {{"workers", "2"}, {"task", "cpu"}, {"cpu_ms", "400"}, {"cores", "one"}});
    QVERIFY(run.ok);
    const int pinned = int(run.value("pinned_cpu"));
    QVERIFY(pinned >= 0);
    const Lane *mainLane = run.mainLane();
    QVERIFY(mainLane);
    const Marker *pin = firstMarker(*mainLane, ev::Affinity);
    QVERIFY2(pin, "MainProcess did not pin itself");
    QVERIFY(pin->args.value(QStringLiteral("ok")).toBool());
    QCOMPARE(pin->args.value(QStringLiteral("cpus")).toString(), QString::number(pinned));
    int workers = 0;
    for (int r = 0; r < run.model.rowCount(); ++r) {
        const Lane &l = run.model.lane(r);
        if (l.isMain)
            continue;
        ++workers;
        QVERIFY2(l.firstTs > pin->t, qPrintable(l.name)); // forked after the pin
        QVERIFY(!l.cpuSamples().isEmpty());
        for (const CpuSample &s : l.cpuSamples())
            QCOMPARE(s.cpu, pinned);
        QVERIFY(run.model.sampledCpu(r, l.lastTs) == pinned);
    }
    QCOMPARE(workers, 2);
    // From the samples: while both were sampled, their shares of the one
    // CPU add up to one CPU. Averaged over the stretches where their windows
    // overlap (one window can be off by a 10 ms kernel tick and the windows
    // of the two are not aligned, so single pairs scatter around 100 %).
    const Lane *w[2] = {nullptr, nullptr};
    for (int r = 0, k = 0; r < run.model.rowCount(); ++r)
        if (!run.model.lane(r).isMain)
            w[k++] = &run.model.lane(r);
    double together = 0;
    const double mean = cpuTogether(*w[0], *w[1], &together);
    QVERIFY2(together >= 200'000, qPrintable(QString::number(together))); // 400 ms each
    QVERIFY2(mean <= 112, qPrintable(QStringLiteral("together %1 % of one CPU").arg(mean)));
    qInfo("cores=one: both workers sampled for %.0f ms, together %.0f %% of a CPU", together / 1000,
          mean);
    const double elapsed = run.summary.value(QStringLiteral("elapsed_ms")).toDouble();
    const double serial = run.summary.value(QStringLiteral("serial_ms")).toDouble();
    const double cpu = run.summary.value(QStringLiteral("workers_cpu_ms")).toDouble();
    // They did compute their 2 x 400 ms (rusage is exact to the µs)...
    QVERIFY2(cpu >= 800 * 0.98, qPrintable(QString::number(cpu)));
    // ...and on one core this CPU time fits in the wall time (5 % for accounting).
    QVERIFY2(cpu <= elapsed * 1.05,
             qPrintable(QStringLiteral("%1 ms CPU in %2 ms").arg(cpu).arg(elapsed)));
    qInfo("cores=one: serial %.0f ms, processes %.0f ms, elapsed/serial %.2f, cores busy %.2f",
          serial, elapsed, elapsed / serial, cpu / elapsed);
}

void TestProcStates::unpinnedWorkersMayUseEveryCore()
{
    Run run(QStringLiteral("concurrency-parallelism"),
            {{"workers", "2"}, {"task", "cpu"}, {"cpu_ms", "500"}, {"cores", "all"}});
    QVERIFY(run.ok);
    if (run.value("cpus_allowed") < 2)
        QSKIP("one CPU only: nothing can run in parallel here");
    QCOMPARE(run.value("pinned_cpu"), -1);
    QSet<int> cpus;
    for (int r = 0; r < run.model.rowCount(); ++r) {
        const Lane &l = run.model.lane(r);
        QVERIFY(!firstMarker(l, ev::Affinity));
        if (!l.isMain)
            for (const CpuSample &s : l.cpuSamples())
                cpus.insert(s.cpu);
    }
    // Which cores they got depends on the machine's other load (a busy core
    // may keep both on the other one): reported, not asserted. What holds
    // whatever the load: they computed their 2 x 500 ms of CPU time, and no
    // more cores were busy than exist.
    const double cpu = run.summary.value(QStringLiteral("workers_cpu_ms")).toDouble();
    const double elapsed = run.summary.value(QStringLiteral("elapsed_ms")).toDouble();
    QVERIFY2(cpu >= 1000 * 0.98, qPrintable(QString::number(cpu)));
    QVERIFY2(cpu <= elapsed * run.value("cpus_allowed") * 1.05,
             qPrintable(QStringLiteral("%1 ms CPU in %2 ms").arg(cpu).arg(elapsed)));
    qInfo("cores=all: serial %.0f ms, processes %.0f ms, speedup %.2f, cores busy %.2f, "
          "workers seen on %lld distinct CPU(s)",
          run.summary.value(QStringLiteral("serial_ms")).toDouble(), elapsed,
          run.summary.value(QStringLiteral("speedup")).toDouble(),
          run.summary.value(QStringLiteral("cores_busy")).toDouble(), qint64(cpus.size()));
    QList<const Lane *> w;
    for (int r = 0; r < run.model.rowCount(); ++r)
        if (!run.model.lane(r).isMain)
            w << &run.model.lane(r);
    QCOMPARE(w.size(), 2);
    double overlap = 0;
    const double together = cpuTogether(*w[0], *w[1], &overlap);
    QVERIFY(together <= 200 * 1.12); // two processes: at most two CPUs
    qInfo("cores=all: both workers sampled for %.0f ms, together %.0f %% of a CPU", overlap / 1000,
          together);
    // The sampled state and CPU tracks only ever record changes.
    for (int r = 0; r < run.model.rowCount(); ++r) {
        for (const QString &name : {ev::State, ev::Cpu}) {
            const QList<int> values = counterValues(run.model.lane(r), name);
            for (int i = 1; i < values.size(); ++i)
                QVERIFY2(
                    values[i] != values[i - 1],
                    qPrintable(QStringLiteral("%1 %2 repeats").arg(run.model.lane(r).name, name)));
        }
    }
}

void TestProcStates::badWorkTotalIsRefused()
{
    test::verifyRefused(QStringLiteral("concurrency-parallelism"),
                        {{"workers", "16"}, {"cpu_ms", "1000"}},
                        QStringLiteral("workers \u00d7 cpu_ms must be at most 10000 ms"));
    test::verifyRefused(QStringLiteral("zombie-orphan"), {{"hold_ms", "100"}},
                        QStringLiteral("hold_ms must be 200\u201310000, got 100"));
    test::verifyRefused(QStringLiteral("zombie-orphan"), {{"mode", "ghost"}},
                        QStringLiteral("mode must be one of zombie, orphan, both, got 'ghost'"));
}

QTEST_GUILESS_MAIN(TestProcStates)
#include "tst_procstates.moc"
