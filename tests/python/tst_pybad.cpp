// The CPython engine on programs that go wrong (tests/python/bad): each ends
// with its status and message, the trace says why, and nothing is left
// running. Also bad input: nothing starts.
#include "processcensus.h"
#include "pyrun.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <unistd.h>

using namespace proclab;
using proclab::test::descendantsOf;
using proclab::test::PyRun;

namespace {

QString errorsOf(const PyRun &r)
{
    QStringList all;
    for (int row = 0; row < r.model.rowCount(); ++row)
        for (const Marker &m : r.markers(r.model.lane(row), ev::Error))
            all << r.model.lane(row).name + QStringLiteral(": ") +
                       m.args.value(QStringLiteral("message")).toString();
    return all.join('\n');
}

// Every pid the run's trace names is gone from the system.
bool allGone(const PyRun &r, QString *alive)
{
    for (int row = 0; row < r.model.rowCount(); ++row) {
        const qint64 pid = r.model.lane(row).pid;
        if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH) {
            *alive = r.model.lane(row).name + QStringLiteral(" (pid %1)").arg(pid);
            return false;
        }
    }
    return true;
}

} // namespace

class TestPyBad : public QObject
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
        QVERIFY2(test::proclabLeftovers().isEmpty(),
                 qPrintable(test::proclabLeftovers().join(", ")));
    }

    void failingPrograms_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<int>("mainExit");
        QTest::addColumn<QString>("error"); // in some error event's text
        QTest::newRow("syntax error") << "bad/syntax_error.py" << 1 << "SyntaxError";
        QTest::newRow("import error") << "bad/import_error.py" << 1 << "ModuleNotFoundError";
        QTest::newRow("sys.exit(3)") << "bad/exit3.py" << 3 << "";
    }

    void failingPrograms()
    {
        QFETCH(QString, program);
        QFETCH(int, mainExit);
        QFETCH(QString, error);
        PyRun r(program);
        QVERIFY(r.ended);
        QCOMPARE(r.state(), LabSession::State::LabFailed);
        QCOMPARE(r.value("main_exitcode"), mainExit);
        if (!error.isEmpty())
            QVERIFY2(errorsOf(r).contains(error), qPrintable(errorsOf(r)));
    }

    // An exception in a child: on the child's lane, at the line that raised it,
    // with its traceback; the child exits 1, the program itself succeeds.
    void exceptionInAChild()
    {
        PyRun r(QStringLiteral("bad/child_raises.py"));
        QVERIFY(r.ended);
        QCOMPARE(r.state(), LabSession::State::Finished);
        const Lane *child = r.lane(QStringLiteral("Process-1"));
        QVERIFY(child);
        QCOMPARE(child->exitcode, std::optional<int>(1));
        const auto errors = r.markers(*child, ev::Error);
        QCOMPARE(errors.size(), 1);
        const QString message = errors[0].args.value(QStringLiteral("message")).toString();
        QVERIFY2(message.startsWith(QLatin1String("ValueError: bad item 42")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("raise ValueError")), qPrintable(message));
        QCOMPARE(errors[0].args.value(QStringLiteral("line")).toInt(),
                 test::lineOf(test::programPath(QStringLiteral("bad/child_raises.py")),
                              QStringLiteral("raise ValueError")));
    }

    void endlessLoopEndsAtTheTimeout()
    {
        PyRun r(QStringLiteral("bad/endless.py"), {}, 1.0);
        QVERIFY(r.ended);
        QCOMPARE(r.state(), LabSession::State::TimedOut);
        QString alive;
        QVERIFY2(allGone(r, &alive), qPrintable(alive));
    }

    // A start loop stops at 64 processes alive at once: the 65th start() raises,
    // and the refusal is in the trace.
    void forkLoopIsCapped()
    {
        PyRun r(QStringLiteral("bad/fork_bomb.py"));
        QVERIFY(r.ended);
        QCOMPARE(r.state(), LabSession::State::Finished);
        QCOMPARE(r.value("started"), 64);
        QVERIFY2(errorsOf(r).contains(QLatin1String("process limit reached")), qPrintable(errorsOf(r)));
        QCOMPARE(r.model.rowCount(), 65);
    }

    // Stop ends a program whose child ignores SIGTERM, within a second.
    void stopEndsAChildThatIgnoresSigterm()
    {
        QElapsedTimer sinceStop;
        PyRun r(QStringLiteral("bad/ignores_sigterm.py"), {}, 0, [&](PyRun &run) {
            // Once the child is running and has ignored its terminate().
            QTRY_VERIFY_WITH_TIMEOUT(run.model.rowCount() == 2 &&
                                         !run.model.lane(0).markers().isEmpty() &&
                                         run.count(ev::Terminate) == 1,
                                     20000);
            sinceStop.start();
            run.session.stop();
        });
        QVERIFY(r.ended);
        QCOMPARE(r.state(), LabSession::State::Stopped);
        QString alive;
        QVERIFY2(allGone(r, &alive), qPrintable(alive));
        qInfo("stopped after %lld ms", sinceStop.elapsed());
    }

    // A grandchild that left the process group (setsid) is ended all the same.
    void setsidGrandchildIsEnded()
    {
        PyRun r(QStringLiteral("bad/setsid_grandchild.py"), {}, 2.0);
        QVERIFY(r.ended);
        QCOMPARE(r.model.rowCount(), 3);
        QString alive;
        QVERIFY2(allGone(r, &alive), qPrintable(alive));
    }

    // Killed by the timeout, the program cannot unlink its named semaphores
    // and shared memory: ProcLab removes the ones it made.
    void sharedNamesAreRemovedAfterAKill()
    {
        PyRun r(QStringLiteral("bad/shm_left_behind.py"), {}, 3.0);
        QVERIFY(r.ended);
        QCOMPARE(r.state(), LabSession::State::TimedOut);
        const QStringList printed = r.printed(*r.mainLane());
        QCOMPARE(printed.size(), 2);
        const QString sem = QStringLiteral("/dev/shm/sem.") + printed[0].section(QStringLiteral(": "), 1);
        const QString shm = QStringLiteral("/dev/shm/") + printed[1].section(QStringLiteral(": "), 1);
        QVERIFY2(!QFile::exists(sem), qPrintable(sem));
        QVERIFY2(!QFile::exists(shm), qPrintable(shm));
    }

    // 100 MB printed: passed through, recorded only up to the bound, and cut visibly.
    void outputFloodIsBounded()
    {
        PyRun r(QStringLiteral("bad/flood.py"));
        QVERIFY(r.ended);
        QCOMPARE(r.state(), LabSession::State::Finished);
        const Lane *main = r.mainLane();
        const int lines = int(r.markers(*main, ev::Stdout).size());
        QVERIFY2(lines > 5000 && lines < 20000, qPrintable(QString::number(lines)));
        const auto cut = r.markers(*main, ev::OutputCut);
        QVERIFY(!cut.isEmpty());
        QVERIFY(cut.last().args.value(QStringLiteral("bytes_not_recorded")).toInteger() >
                90'000'000);
    }

    void badInputStartsNothing_data()
    {
        QTest::addColumn<QString>("content"); // empty: the file does not exist
        QTest::addColumn<QString>("interpreter");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing file") << QString() << QString() << "no such file";
        QTest::newRow("not text") << QStringLiteral("\xff\xfe\x00binary") << QString()
                                  << "not UTF-8 text";
        QTest::newRow("no interpreter") << QStringLiteral("print(1)\n")
                                        << QStringLiteral("/nonexistent/python9")
                                        << "is not an executable program";
    }

    void badInputStartsNothing()
    {
        QFETCH(QString, content);
        QFETCH(QString, interpreter);
        QFETCH(QString, message);
        QTemporaryDir dir;
        PythonRun run;
        run.program = dir.filePath(QStringLiteral("prog.py"));
        run.interpreter = interpreter;
        if (!content.isEmpty()) {
            QFile f(run.program);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content == QStringLiteral("\xff\xfe\x00binary")
                        ? QByteArray("\xff\xfe\x00binary", 9)
                        : content.toUtf8());
        }
        TraceModel model;
        QAbstractItemModelTester tester(&model);
        LabSession session(&model);
        QStringList errors;
        QVERIFY(!session.startPython(run, &errors));
        QVERIFY2(errors.join('\n').contains(message), qPrintable(errors.join('\n')));
        QCOMPARE(session.runnerPid(), 0);
        QCOMPARE(session.state(), LabSession::State::BadInput);
    }
};

QTEST_GUILESS_MAIN(TestPyBad)

#include "tst_pybad.moc"
