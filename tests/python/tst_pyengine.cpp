// The CPython engine on real programs (tests/python/programs): real CPython,
// real multiprocessing, real processes. Each test checks what really
// happened (lanes, exit codes, arrows, values) from the trace, and that the
// run left no process behind.
#include "processcensus.h"
#include "pyrun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <sys/wait.h>
#include <unistd.h>

using namespace proclab;
using proclab::test::descendantsOf;
using proclab::test::lineOf;
using proclab::test::programPath;
using proclab::test::PyRun;

class TestPyEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (PythonRun().resolvedInterpreter().isEmpty())
            QSKIP("no python3 on PATH (Debian: apt-get install python3)");
        QVERIFY(!test::usePrivateTempDir().isEmpty());
    }

    void cleanup()
    {
        QTRY_VERIFY2_WITH_TIMEOUT(descendantsOf(getpid()).isEmpty(),
                                  qPrintable(test::describe(descendantsOf(getpid()))), 2000);
    }

    // kinds.py mirrors engine/runtime/tracerecord.h: the same number for each kind.
    void recordKindsMatchTheHeader()
    {
        QFile header(QStringLiteral(PROCLAB_SOURCE_DIR "/engine/runtime/tracerecord.h"));
        QFile kinds(QStringLiteral(PROCLAB_SOURCE_DIR "/resources/python/proclab_trace/kinds.py"));
        QVERIFY(header.open(QIODevice::ReadOnly) && kinds.open(QIODevice::ReadOnly));
        const QString h = QString::fromUtf8(header.readAll());
        const QString enumBody = h.mid(h.indexOf(QLatin1String("enum class RecordKind")));
        QHash<QString, int> cpp; // UPPER_SNAKE -> number
        QRegularExpression entry(QStringLiteral("^\\s*([A-Z][A-Za-z]+)\\s*=\\s*(\\d+)"),
                                 QRegularExpression::MultilineOption);
        for (auto it = entry.globalMatch(enumBody.left(enumBody.indexOf(QLatin1String("};"))));
             it.hasNext();) {
            const auto m = it.next();
            QString snake = m.captured(1);
            snake.replace(QRegularExpression(QStringLiteral("([a-z])([A-Z])")),
                          QStringLiteral("\\1_\\2"));
            cpp.insert(snake.toUpper(), m.captured(2).toInt());
        }
        QVERIFY(cpp.size() > 40);
        const QString py = QString::fromUtf8(kinds.readAll());
        const QString kindsPart = py.left(py.indexOf(QLatin1String("# ProcFlags")));
        int checked = 0;
        QRegularExpression assign(QStringLiteral("^([A-Z_]+) = (\\d+)$"),
                                  QRegularExpression::MultilineOption);
        for (auto it = assign.globalMatch(kindsPart); it.hasNext(); ++checked) {
            const auto m = it.next();
            QVERIFY2(cpp.contains(m.captured(1)), qPrintable(m.captured(1) + " not in the header"));
            QCOMPARE(m.captured(2).toInt(), cpp.value(m.captured(1)));
        }
        QVERIFY(checked > 30);
    }

    // fork, spawn and forkserver children each get a lane with Python's name
    // for them, a start arrow from MainProcess and their exit code.
    void everyStartMethodIsTraced()
    {
        PyRun r(QStringLiteral("programs/spawn_methods.py"));
        QVERIFY2(r.started, qPrintable(r.errors.join('\n')));
        QVERIFY(r.ended);
        QCOMPARE(r.state(), LabSession::State::Finished);
        const QStringList methods{QStringLiteral("fork"), QStringLiteral("spawn"),
                                  QStringLiteral("forkserver")};
        for (const QString &method : methods) {
            const Lane *child = r.lane(QStringLiteral("child-") + method);
            QVERIFY2(child, qPrintable(r.laneNames().join(", ")));
            QCOMPARE(child->exitcode, std::optional<int>(0));
            QVERIFY(child->reaped);
            QCOMPARE(r.printed(*child).size(), 1);
            QVERIFY(r.printed(*child).first().startsWith(method + QStringLiteral(" pid ")));
            // A forkserver child is a fork of the ForkServer process.
            QCOMPARE(child->spawned, method == QLatin1String("spawn"));
        }
        // MainProcess records one start per child, with the method (and the
        // helpers Python itself starts: the resource tracker, the fork server).
        QStringList seen;
        for (const Marker &m : r.markers(*r.mainLane(), ev::Start))
            if (m.args.value(QStringLiteral("child")).toString().startsWith(QLatin1String("child-")))
                seen << m.args.value(QStringLiteral("method")).toString();
        QCOMPARE(seen, methods);
        // The helpers Python starts for spawn/forkserver are there too, under their own names.
        QVERIFY(r.lane(QStringLiteral("ForkServer")));
        QCOMPARE(r.value("children"), 3);
        QCOMPARE(r.value("main_exitcode"), 0);
    }

    void processNamesAndRunWithoutStart()
    {
        PyRun r(QStringLiteral("programs/subclass.py"));
        QVERIFY(r.ended);
        QVERIFY2(r.lane(QStringLiteral("worker-a")), qPrintable(r.laneNames().join(", ")));
        QVERIFY(r.lane(QStringLiteral("greeter")));
        QCOMPARE(r.model.rowCount(), 3); // run() made no process
        const Lane *main = r.mainLane();
        QVERIFY(r.printed(*main).contains(QStringLiteral("hello run!")));
        const auto errors = r.markers(*main, ev::Error);
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors[0].args.value(QStringLiteral("message"))
                    .toString()
                    .contains(QLatin1String("can only join a started process")));
        QCOMPARE(errors[0].args.value(QStringLiteral("line")).toInt(),
                 lineOf(programPath(QStringLiteral("programs/subclass.py")), QStringLiteral("r.join()")));
    }

    void daemonsAreTerminatedAtMainsExit()
    {
        PyRun r(QStringLiteral("programs/daemon_kill.py"));
        QVERIFY(r.ended);
        const Lane *d = r.lane(QStringLiteral("Process-1"));
        QVERIFY(d);
        QVERIFY(d->daemon);
        QCOMPARE(r.markers(*d, ev::DaemonTerminated).size(), 1);
        QCOMPARE(d->exitcode, std::optional<int>(-15));
        const auto errors = r.markers(*d, ev::Error);
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors[0].args.value(QStringLiteral("message"))
                    .toString()
                    .contains(QLatin1String("daemonic processes are not allowed to have children")));
        // The terminate comes from MainProcess's exit, after its own code ended.
        const auto terminates = r.markers(*r.mainLane(), ev::Terminate);
        QCOMPARE(terminates.size(), 1);
        QCOMPARE(terminates[0].args.value(QStringLiteral("target")).toString(),
                 QStringLiteral("Process-1"));
    }

    void terminatedChildIsAZombieUntilJoined()
    {
        PyRun r(QStringLiteral("programs/terminate_zombie.py"));
        QVERIFY(r.ended);
        const Lane *c = r.lane(QStringLiteral("Process-1"));
        QVERIFY(c);
        QCOMPARE(c->exitcode, std::optional<int>(-15));
        const auto zombies = r.intervals(*c, ev::Zombie);
        QCOMPARE(zombies.size(), 1);
        QVERIFY2(zombies[0].t1 - zombies[0].t0 > 200'000, "the child waits 0.3 s to be joined");
        const auto reaped = r.markers(*c, ev::Reaped);
        QCOMPARE(reaped.size(), 1);
        QCOMPARE(reaped[0].args.value(QStringLiteral("by")).toString(), QStringLiteral("MainProcess"));
        QCOMPARE(reaped[0].args.value(QStringLiteral("proc_state")).toString(), QStringLiteral("Z"));
        QCOMPARE(reaped[0].args.value(QStringLiteral("line")).toInt(),
                 lineOf(programPath(QStringLiteral("programs/terminate_zombie.py")),
                        QStringLiteral("p.join()")));
    }

    // os.fork() and os._exit() called directly; an orphan adopted by the runner.
    void rawForksZombiesAndOrphans()
    {
        PyRun r(QStringLiteral("programs/fork_orphan.py"));
        QVERIFY(r.ended);
        const Lane *quick = r.lane(QStringLiteral("fork-1"));
        QVERIFY2(quick, qPrintable(r.laneNames().join(", ")));
        QCOMPARE(quick->exitcode, std::optional<int>(7));
        QCOMPARE(r.intervals(*quick, ev::Zombie).size(), 1);
        const Lane *orphan = r.lane(QStringLiteral("fork-2:1"));
        QVERIFY2(orphan, qPrintable(r.laneNames().join(", ")));
        QCOMPARE(r.markers(*orphan, ev::Reparent).size(), 1);
        const auto reaped = r.markers(*orphan, ev::Reaped);
        QCOMPARE(reaped.size(), 1);
        QCOMPARE(reaped[0].args.value(QStringLiteral("by")).toString(), QStringLiteral("runner"));
        QCOMPARE(r.printed(*r.mainLane()).first(), QStringLiteral("child exit: 7"));
    }

    // A race on a Value: every lost update found, and the count agrees with
    // what the program computed itself (expected - actual).
    void lostUpdatesOfAPythonRace()
    {
        PyRun r(QStringLiteral("programs/race_counter.py"), {QStringLiteral("20000")});
        QVERIFY(r.ended);
        QCOMPARE(r.state(), LabSession::State::Finished);
        QCOMPARE(r.value("expected"), 80000);
        QCOMPARE(r.value("detected_lost_updates"), r.value("expected") - r.value("actual"));
        QCOMPARE(r.value("lost_updates"), r.value("detected_lost_updates"));
        // The unlocked increment: the line after the program's `else:`.
        const int line =
            lineOf(programPath(QStringLiteral("programs/race_counter.py")), QStringLiteral("else:")) + 1;
        const Lane *w = r.lane(QStringLiteral("Process-1"));
        QVERIFY(w);
        const auto writes = r.markers(*w, ev::Write);
        QCOMPARE(writes.size(), 20000);
        for (const Marker &m : writes.mid(0, 50)) {
            QCOMPARE(m.args.value(QStringLiteral("line")).toInt(), line);
            QCOMPARE(m.args.value(QStringLiteral("object")).toString(), QStringLiteral("counter"));
        }
        // With the lock, nothing is lost, and every increment shows the hold.
        PyRun locked(QStringLiteral("programs/race_counter.py"),
                     {QStringLiteral("2000"), QStringLiteral("lock")});
        QVERIFY(locked.ended);
        QCOMPARE(locked.value("actual"), 8000);
        QCOMPARE(locked.value("detected_lost_updates"), 0);
        QCOMPARE(locked.count(ev::HoldLock, true), 8000);
        // `with counter.get_lock():` shows the Value's own lock held around
        // each increment, and only there: the wrapper's locking inside each
        // .value read and write is not a hold of the program's.
        PyRun own(QStringLiteral("programs/race_counter.py"),
                  {QStringLiteral("2000"), QStringLiteral("get_lock")});
        QVERIFY(own.ended);
        QCOMPARE(own.value("actual"), 8000);
        QCOMPARE(own.value("detected_lost_updates"), 0);
        QCOMPARE(own.count(ev::HoldLock, true), 8000);
        QCOMPARE(own.count(ev::Write), 8000);
        const Lane *ow = own.lane(QStringLiteral("Process-1"));
        QVERIFY(ow);
        const auto holds = own.intervals(*ow, ev::HoldLock);
        QCOMPARE(holds.size(), 2000);
        QCOMPARE(holds.first().args.value(QStringLiteral("lock")).toString(),
                 QStringLiteral("counter.get_lock()"));
    }

    // Files: each buyer's read of the count and its write of the count less
    // one, with the values read and written, on its own lane, at its line.
    void fileReadsAndWritesWithTheirValues()
    {
        QTemporaryDir dir;
        PythonRun run;
        run.program = programPath(QStringLiteral("programs/ticket_file.py"));
        run.workDir = dir.path();
        PyRun r(run);
        QVERIFY(r.ended);
        QCOMPARE(r.state(), LabSession::State::Finished);
        QCOMPARE(r.value("count"), 0);
        const QString program = programPath(QStringLiteral("programs/ticket_file.py"));
        const int readLine = lineOf(program, QStringLiteral("json.load(f)"));
        const int writeLine = lineOf(program, QStringLiteral("with open(PATH, \"w\") as f:"));
        for (int i = 1; i <= 3; ++i) {
            const Lane *b = r.lane(QStringLiteral("Process-%1").arg(i));
            QVERIFY(b);
            const auto reads = r.markers(*b, ev::Read);
            const auto writes = r.markers(*b, ev::Write);
            QCOMPARE(reads.size(), 1);
            QCOMPARE(writes.size(), 1);
            QCOMPARE(reads[0].args.value(QStringLiteral("object")).toString(),
                     QStringLiteral("tickets.json"));
            QCOMPARE(reads[0].args.value(QStringLiteral("value")).toInt(), 4 - i);
            QCOMPARE(writes[0].args.value(QStringLiteral("value")).toInt(), 3 - i);
            QCOMPARE(reads[0].args.value(QStringLiteral("line")).toInt(), readLine);
            QCOMPARE(writes[0].args.value(QStringLiteral("line")).toInt(), writeLine);
            QVERIFY(reads[0].t < writes[0].t);
        }
        QVERIFY(!QFile::exists(QFileInfo(program).dir().filePath(QStringLiteral("tickets.json"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("tickets.json"))));
    }

    // The pure-Python writer (interpreters the extension cannot load into) finds the same.
    void pureWriterFindsTheSameRace()
    {
        qputenv("PROCLAB_TRACE_PURE", "1");
        PyRun r(QStringLiteral("programs/race_counter.py"), {QStringLiteral("3000")});
        qunsetenv("PROCLAB_TRACE_PURE");
        QVERIFY(r.ended);
        QCOMPARE(r.count(ev::Write), 12000);
        QCOMPARE(r.value("detected_lost_updates"), r.value("expected") - r.value("actual"));
    }

    void pipeMessagesEofAndOneWayErrors()
    {
        PyRun r(QStringLiteral("programs/pipe_pingpong.py"));
        QVERIFY(r.ended);
        const Lane *main = r.mainLane();
        const Lane *child = r.lane(QStringLiteral("Process-1"));
        QVERIFY(main && child);
        QCOMPARE(r.markers(*main, ev::Send).size(), 3);
        QCOMPARE(r.markers(*child, ev::Recv).size(), 3);
        QCOMPARE(r.markers(*child, ev::Send).size(), 3);
        QCOMPARE(r.markers(*main, ev::Recv).size(), 3);
        QCOMPARE(r.markers(*child, ev::Eof).size(), 1); // the child gets EOF when main closes
        int arrows = 0;
        for (const Flow &f : r.model.flows())
            arrows += f.name == ev::Send && f.toTs >= f.fromTs;
        QCOMPARE(arrows, 6);
        QCOMPARE(r.printed(*main).mid(0, 3),
                 (QStringList{QStringLiteral("got PING"), QStringLiteral("got PONG"),
                              QStringLiteral("got DONE")}));
        const auto errors = r.markers(*main, ev::Error);
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors[0].args.value(QStringLiteral("message")).toString().contains(
            QLatin1String("read-only")));
        QCOMPARE(r.markers(*main, ev::Send)[0].args.value(QStringLiteral("line")).toInt(),
                 lineOf(programPath(QStringLiteral("programs/pipe_pingpong.py")),
                        QStringLiteral("a.send(word)")));
    }

    void managerServerHasItsOwnLane()
    {
        PyRun r(QStringLiteral("programs/manager_dict.py"));
        QVERIFY(r.ended);
        const Lane *server = r.lane(QStringLiteral("SyncManager-1"));
        QVERIFY2(server, qPrintable(r.laneNames().join(", ")));
        QVERIFY(r.markers(*server, ev::ManagerServe).size() >= 4);
        int setItems = 0;
        for (const QString &w : {QStringLiteral("Process-2"), QStringLiteral("Process-3"),
                                 QStringLiteral("Process-4")}) {
            const Lane *l = r.lane(w);
            QVERIFY2(l, qPrintable(r.laneNames().join(", ")));
            for (const Interval &iv : r.intervals(*l, ev::ManagerCall)) {
                setItems += iv.args.value(QStringLiteral("op")).toString() ==
                            QLatin1String("__setitem__");
                QCOMPARE(iv.args.value(QStringLiteral("object")).toString(), QStringLiteral("d"));
            }
        }
        QCOMPARE(setItems, 3);
        QCOMPARE(r.value("keys"), 3);
    }

    // Pool and ProcessPoolExecutor: tasks on the workers that ran them; the
    // pool's own queues, locks and pipes stay out of the picture.
    void poolTasksOnWorkerLanes()
    {
        PyRun r(QStringLiteral("programs/pool_map.py"));
        QVERIFY(r.ended);
        int poolItems = 0, futureTasks = 0;
        for (int row = 0; row < r.model.rowCount(); ++row) {
            const Lane &l = r.model.lane(row);
            for (const Interval &task : r.intervals(l, ev::Task)) {
                const QString f = task.args.value(QStringLiteral("function")).toString();
                if (l.name.startsWith(QLatin1String("ForkPoolWorker"))) {
                    QVERIFY2(f.startsWith(QStringLiteral("square ×")), qPrintable(f));
                    poolItems += f.section(QStringLiteral("×"), 1).toInt();
                } else {
                    futureTasks += f.startsWith(QStringLiteral("square"));
                }
            }
        }
        QCOMPARE(poolItems, 8);
        QVERIFY(futureTasks >= 1);
        QCOMPARE(r.count(ev::HoldLock, true), 0);
        QCOMPARE(r.count(ev::Put), 0);
        QCOMPARE(r.value("pool"), 140);
    }

    void eventsConditionsBarriersAndSemaphores()
    {
        PyRun r(QStringLiteral("programs/sync_objects.py"));
        QVERIFY(r.ended);
        for (const QString &w : {QStringLiteral("Process-1"), QStringLiteral("Process-2")}) {
            const Lane *l = r.lane(w);
            QVERIFY(l);
            const auto event = r.intervals(*l, ev::WaitEvent);
            QCOMPARE(event.size(), 1);
            QCOMPARE(event[0].args.value(QStringLiteral("object")).toString(), QStringLiteral("ev"));
            QCOMPARE(r.intervals(*l, ev::WaitBarrier).size(), 1);
            QVERIFY(!r.intervals(*l, ev::WaitCondition).isEmpty());
        }
        const auto set = r.markers(*r.mainLane(), QStringLiteral("set"));
        QCOMPARE(set.size(), 1);
        // Each worker's event wait ends after main's set().
        QVERIFY(r.intervals(*r.lane(QStringLiteral("Process-1")), ev::WaitEvent)[0].t1 >= set[0].t);
    }

    // Tracing does not change what a program computes: what it prints, traced
    // by proclab-run, is what it prints under plain python3.
    void outputIsTheSameTracedAndUntraced_data()
    {
        QTest::addColumn<QString>("program");
        QTest::newRow("pipe") << "programs/pipe_pingpong.py";
        QTest::newRow("manager") << "programs/manager_dict.py";
        QTest::newRow("pool") << "programs/pool_map.py";
        QTest::newRow("queue") << "programs/queue_producer_consumer.py";
        QTest::newRow("raw fork") << "programs/fork_orphan.py";
        QTest::newRow("locked race") << "programs/race_counter.py";
    }

    void outputIsTheSameTracedAndUntraced()
    {
        QFETCH(QString, program);
        const QString path = programPath(program);
        const QStringList args = program.contains(QLatin1String("race"))
                                     ? QStringList{QStringLiteral("500"), QStringLiteral("lock")}
                                     : QStringList();
        auto run = [](const QString &exe, const QStringList &argv) {
            QProcess p;
            p.setProcessChannelMode(QProcess::SeparateChannels);
            p.start(exe, argv);
            if (!p.waitForFinished(60000))
                p.kill();
            p.waitForFinished();
            return QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'));
        };
        const QStringList plain = run(PythonRun().resolvedInterpreter(), QStringList{path} + args);
        // A plain run's orphans are re-parented to this test (a subreaper, as
        // every ProcLab host is): reap them as init would.
        QTRY_VERIFY_WITH_TIMEOUT(
            [] {
                while (waitpid(-1, nullptr, WNOHANG) > 0) {
                }
                return descendantsOf(getpid()).isEmpty();
            }(),
            5000);
        const QStringList traced =
            run(qEnvironmentVariable("PROCLAB_RUN"),
                QStringList{QStringLiteral("--python"), path, QStringLiteral("--")} + args);
        QVERIFY(plain.size() > 1);
        // proclab-run prints the program's output, then its own summary.
        QCOMPARE(traced.mid(0, plain.size() - 1), plain.mid(0, plain.size() - 1));
    }

    void queuesPutGetDepthAndTaskDone()
    {
        PyRun r(QStringLiteral("programs/queue_producer_consumer.py"));
        QVERIFY(r.ended);
        QCOMPARE(r.count(ev::Put), 6);
        QCOMPARE(r.count(ev::Get), 6);
        QCOMPARE(r.count(ev::TaskDone), 6);
        const Lane *consumer = r.lane(QStringLiteral("Process-3"));
        QVERIFY(consumer);
        for (const Marker &g : r.markers(*consumer, ev::Get)) {
            QCOMPARE(g.args.value(QStringLiteral("queue")).toString(), QStringLiteral("q"));
            QVERIFY(g.args.value(QStringLiteral("item")).toString().startsWith(QLatin1Char('\'')));
            QVERIFY(g.args.value(QStringLiteral("depth_after")).toInt() <= 2); // maxsize=2
        }
        QCOMPARE(r.intervals(*r.mainLane(), ev::WaitJoinQueue).size(), 1);
        // The depth is charted on MainProcess's lane as the lab queues' is.
        bool counter = false;
        for (const TraceEvent &e : r.mainLane()->events)
            counter |= e.name == ev::QueueCounterPrefix + QStringLiteral("q");
        QVERIFY(counter);
        const auto errors = r.markers(*r.mainLane(), ev::Error);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].args.value(QStringLiteral("message")).toString(),
                 QStringLiteral("queue.Empty"));
    }
};

QTEST_GUILESS_MAIN(TestPyEngine)

#include "tst_pyengine.moc"
