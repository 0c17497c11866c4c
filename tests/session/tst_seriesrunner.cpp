// SeriesRunner against real runs: N full LabSession runs one after another,
// nothing alive between two runs or after the series, every run's summary and
// trace kept (in memory, or in the series' directory, which goes with the
// series), Stop in the middle, refused input starts nothing, another engine
// through the factory, and every lab's declared key outcome is a number its
// summary really reports.
#include "labs.h"
#include "labsession.h"
#include "outcomeseries.h"
#include "processcensus.h"
#include "processsuite.h"
#include "seriesrunner.h"
#include "tracemodel.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <sys/prctl.h>
#include <unistd.h>

using namespace proclab;
using proclab::test::descendantsOf;
using Params = QMap<QString, QString>;

namespace {

constexpr int kSeriesBoundMs = 120000; // five ~0.3 s runs get this long at most
constexpr int kRunBoundMs = 60000;

SeriesRequest counterRace(int count)
{
    SeriesRequest r;
    r.name = QStringLiteral("C++");
    r.run.labId = QStringLiteral("counter-race");
    r.run.assignments = {{QStringLiteral("workers"), QStringLiteral("2")},
                         {QStringLiteral("increments"), QStringLiteral("3000")}};
    r.count = count;
    return r;
}

// A LabSessionEngine that counts its runs: the factory is what makes the runs.
class CountingEngine : public LabSessionEngine
{
public:
    using LabSessionEngine::LabSessionEngine;
    bool start(const RunRequest &request, TraceModel *model, QStringList *errors) override
    {
        ++starts;
        return LabSessionEngine::start(request, model, errors);
    }
    int starts = 0;
};

} // namespace

class TestSeriesRunner : public test::ProcessSuite
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        prctl(PR_SET_CHILD_SUBREAPER, 1); // escaped lab processes would come to us
        QVERIFY(!test::usePrivateTempDir().isEmpty());
        QVERIFY2(QFileInfo(LabSession::runnerPath()).isExecutable(),
                 qPrintable(LabSession::runnerPath()));
    }

    void init() { m_leftoversBefore = test::proclabLeftovers(); }

    void cleanup()
    {
        ProcessSuite::cleanup(); // no process left
        QTRY_COMPARE_WITH_TIMEOUT(test::proclabLeftovers(), m_leftoversBefore, 5000);
    }

    void runsTheLabNTimesAndLeavesNothing()
    {
        SeriesRunner runner;
        QSignalSpy started(&runner, &SeriesRunner::runStarted);
        QSignalSpy finished(&runner, &SeriesRunner::finished);
        QSignalSpy kept(&runner, &SeriesRunner::traceKept);
        // Traces are written beside the runs, never more than a few at once.
        int maxPendingAtStart = 0;
        connect(&runner, &SeriesRunner::runStarted, this, [&] {
            maxPendingAtStart = std::max(maxPendingAtStart, runner.pendingTraces());
        });
        // Between two runs (the moment one has ended) nothing of it is left.
        QStringList aliveBetweenRuns;
        QSet<qint64> mainPids;
        connect(&runner, &SeriesRunner::runFinished, this, [&](int number) {
            const auto left = descendantsOf(getpid());
            if (!left.isEmpty())
                aliveBetweenRuns << QStringLiteral("after run %1: %2")
                                        .arg(number)
                                        .arg(test::describe(left));
        });
        QStringList errors;
        QVERIFY2(runner.start(counterRace(5), &errors), qPrintable(errors.join('\n')));
        QVERIFY(runner.isRunning());
        QVERIFY(finished.wait(kSeriesBoundMs));
        QCOMPARE(finished.count(), 1);
        QVERIFY(!runner.isRunning());
        QVERIFY(!runner.wasStopped());
        QCOMPARE(started.count(), 5);
        QVERIFY2(aliveBetweenRuns.isEmpty(), qPrintable(aliveBetweenRuns.join('\n')));

        const OutcomeSeries &s = runner.series();
        QCOMPARE(s.labId, QStringLiteral("counter-race"));
        QCOMPARE(s.planned, 5);
        QCOMPARE(s.runs.size(), 5);
        QCOMPARE(s.completed(), 5);
        QCOMPARE(s.params.value(QLatin1String("workers")).toInt(), 2);
        QCOMPARE(OutcomeSeries::keyOutcome(s.labId), QStringLiteral("lost_updates"));
        for (int i = 0; i < s.runs.size(); ++i) {
            const SeriesRun &r = s.runs[i];
            QCOMPARE(r.number, i + 1);
            QCOMPARE(r.status, QStringLiteral("finished"));
            QVERIFY(r.runMs > 0);
            // expected - actual, as the lab reports it
            QCOMPARE(r.value(QStringLiteral("lost_updates")).value_or(-1),
                     double(r.summary.value(QLatin1String("expected")).toInteger() -
                            r.summary.value(QLatin1String("actual")).toInteger()));
        }
        QCOMPARE(s.values(QStringLiteral("lost_updates")).size(), 5);
        const QStringList keys = s.numericKeys();
        QCOMPARE(keys.value(0), QStringLiteral("lost_updates"));
        QCOMPARE(keys.value(1), QStringLiteral("run_ms"));
        QVERIFY(keys.contains(QStringLiteral("expected")));

        QVERIFY2(maxPendingAtStart <= SeriesRunner::kMaxPendingTraces,
                 qPrintable(QString::number(maxPendingAtStart)));
        // Every trace is kept (small: in memory) and opens as the run it was.
        QTRY_COMPARE_WITH_TIMEOUT(runner.pendingTraces(), 0, kRunBoundMs);
        QCOMPARE(kept.count(), 5);
        for (int i = 0; i < 5; ++i) {
            QVERIFY(s.runs[i].hasTrace());
            QVERIFY(!s.runs[i].trace.isEmpty());
            TraceModel model;
            QString error;
            QVERIFY2(s.loadTrace(i, &model, &error), qPrintable(error));
            QCOMPARE(model.labId(), QStringLiteral("counter-race"));
            QCOMPARE(model.rowCount(), 3); // MainProcess and two workers
            QCOMPARE(model.summary().value(QLatin1String("lost_updates")),
                     s.runs[i].summary.value(QLatin1String("lost_updates")));
            mainPids.insert(model.lane(0).pid);
        }
        QCOMPARE(mainPids.size(), 5); // five real MainProcesses, not one run five times
    }

    void largeTracesGoToTheSeriesDirectoryWhichGoesWithIt()
    {
        SeriesRunner runner;
        runner.setTraceLimits({0, 0, 1ll << 30}); // every trace is "large"
        QSignalSpy finished(&runner, &SeriesRunner::finished);
        QStringList errors;
        QVERIFY2(runner.start(counterRace(2), &errors), qPrintable(errors.join('\n')));
        QVERIFY(finished.wait(kSeriesBoundMs));
        QTRY_COMPARE_WITH_TIMEOUT(runner.pendingTraces(), 0, kRunBoundMs);
        const OutcomeSeries &s = runner.series();
        QVERIFY(s.traceDir);
        const QString dir = s.traceDir->path();
        QVERIFY2(dir.contains(QLatin1String("proclab-series-")), qPrintable(dir));
        QStringList paths;
        for (const SeriesRun &r : s.runs) {
            QVERIFY(r.trace.isEmpty());
            QVERIFY2(QFileInfo(r.tracePath).isFile(), qPrintable(r.tracePath));
            QCOMPARE(QFileInfo(r.tracePath).absolutePath(), dir);
            paths << r.tracePath;
        }
        TraceModel model;
        QString error;
        QVERIFY2(s.loadTrace(1, &model, &error), qPrintable(error));
        QCOMPARE(model.labId(), QStringLiteral("counter-race"));
        runner.discard();
        QVERIFY(runner.series().runs.isEmpty());
        QVERIFY2(!QFileInfo::exists(dir), qPrintable(dir));
        for (const QString &p : paths)
            QVERIFY(!QFileInfo::exists(p));
    }

    void tracesBeyondTheRoomAreNotKept()
    {
        SeriesRunner runner;
        runner.setTraceLimits({0, 0, 0}); // no room in memory nor on disk
        QSignalSpy finished(&runner, &SeriesRunner::finished);
        QStringList errors;
        QVERIFY2(runner.start(counterRace(2), &errors), qPrintable(errors.join('\n')));
        QVERIFY(finished.wait(kSeriesBoundMs));
        QTRY_COMPARE_WITH_TIMEOUT(runner.pendingTraces(), 0, kRunBoundMs);
        const OutcomeSeries &s = runner.series();
        QCOMPARE(s.completed(), 2); // the runs and their summaries are all there
        for (const SeriesRun &r : s.runs) {
            QVERIFY(!r.hasTrace());
            QVERIFY(r.traceDropped);
        }
        QVERIFY(QDir(s.traceDir->path()).isEmpty());
        TraceModel model;
        QString error;
        QVERIFY(!s.loadTrace(0, &model, &error));
        QVERIFY2(error.contains(QLatin1String("was not kept")), qPrintable(error));
    }

    void stopInTheMiddleEndsTheRunAndTheSeries()
    {
        SeriesRunner runner;
        SeriesRequest request;
        request.run.labId = QStringLiteral("join");
        request.run.assignments = {{QStringLiteral("n"), QStringLiteral("3")},
                                   {QStringLiteral("work_ms"), QStringLiteral("30000")},
                                   {QStringLiteral("mode"), QStringLiteral("join-after-start")}};
        request.count = 10;
        QSignalSpy finished(&runner, &SeriesRunner::finished);
        QStringList errors;
        QVERIFY2(runner.start(request, &errors), qPrintable(errors.join('\n')));
        // The children are really there: MainProcess and three workers (and the runner).
        QTRY_VERIFY_WITH_TIMEOUT(descendantsOf(getpid()).size() >= 5, kRunBoundMs);
        const auto before = descendantsOf(getpid());
        runner.stop();
        QVERIFY(finished.wait(kRunBoundMs));
        QVERIFY(!runner.isRunning());
        QVERIFY(runner.wasStopped());
        // The series ended with the run Stop ended: one run, stopped, none started after it.
        QCOMPARE(runner.series().runs.size(), 1);
        QCOMPARE(runner.series().runs[0].status, QStringLiteral("stopped"));
        QVERIFY2(descendantsOf(getpid()).isEmpty(),
                 qPrintable(QStringLiteral("before stop: %1; after: %2")
                                .arg(test::describe(before),
                                     test::describe(descendantsOf(getpid())))));
        for (const auto &p : before)
            QCOMPARE(test::procInfo(p.pid).state, '?');
        QTRY_COMPARE_WITH_TIMEOUT(runner.pendingTraces(), 0, kRunBoundMs);
    }

    void refusedInputStartsNothing_data()
    {
        QTest::addColumn<QString>("lab");
        QTest::addColumn<Params>("params");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("message");
        QTest::newRow("one run") << "join" << Params{} << 1
                                 << "the number of runs must be 2–1000, got 1";
        QTest::newRow("1001 runs") << "join" << Params{} << 1001
                                   << "the number of runs must be 2–1000, got 1001";
        QTest::newRow("bad parameter") << "join" << Params{{"n", "0"}} << 5
                                       << "n must be 1–64, got 0";
        QTest::newRow("unknown lab") << "no-such-lab" << Params{} << 5 << "unknown lab 'no-such-lab'";
    }
    void refusedInputStartsNothing()
    {
        QFETCH(QString, lab);
        QFETCH(Params, params);
        QFETCH(int, count);
        QFETCH(QString, message);
        SeriesRunner runner;
        QSignalSpy started(&runner, &SeriesRunner::runStarted);
        SeriesRequest request;
        request.run.labId = lab;
        request.run.assignments = params;
        request.count = count;
        QStringList errors;
        QVERIFY(!runner.start(request, &errors));
        QVERIFY2(errors.join('\n').contains(message), qPrintable(errors.join('\n')));
        QVERIFY(!runner.isRunning());
        QCOMPARE(started.count(), 0);
        QVERIFY(runner.series().runs.isEmpty());
        QVERIFY2(descendantsOf(getpid()).isEmpty(),
                 qPrintable(test::describe(descendantsOf(getpid()))));
    }

    void anotherEngineMakesTheRunsThroughTheFactory()
    {
        SeriesRunner runner;
        SeriesRequest request = counterRace(3);
        request.name = QStringLiteral("other engine");
        request.keepTraces = false;
        CountingEngine *engine = nullptr;
        request.engine = [&engine](QObject *parent) {
            engine = new CountingEngine(parent);
            return engine;
        };
        QSignalSpy finished(&runner, &SeriesRunner::finished);
        QStringList errors;
        QVERIFY2(runner.start(request, &errors), qPrintable(errors.join('\n')));
        QVERIFY(finished.wait(kSeriesBoundMs));
        QVERIFY(engine);
        QCOMPARE(engine->starts, 3);
        QCOMPARE(runner.series().name, QStringLiteral("other engine"));
        QCOMPARE(runner.series().completed(), 3);
        QVERIFY(!runner.series().traceDir); // keepTraces = false: no directory, no traces
        QCOMPARE(runner.pendingTraces(), 0);
        for (const SeriesRun &r : runner.series().runs)
            QVERIFY(!r.hasTrace());
    }

    // The same runs by CPython: the lab's own Python program, each run a real
    // interpreter with its own processes, nothing left between runs.
    void thePythonEngineMakesTheSameRuns()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("no python3 on PATH");
        SeriesRunner runner;
        SeriesRequest request = counterRace(2);
        request.name = QStringLiteral("CPython");
        request.engine = [](QObject *parent) { return new PythonLabEngine(parent); };
        QStringList aliveBetweenRuns;
        connect(&runner, &SeriesRunner::runFinished, this, [&](int number) {
            if (!descendantsOf(getpid()).isEmpty())
                aliveBetweenRuns << QStringLiteral("after run %1: %2")
                                        .arg(number)
                                        .arg(test::describe(descendantsOf(getpid())));
        });
        QSignalSpy finished(&runner, &SeriesRunner::finished);
        QStringList errors;
        QVERIFY2(runner.start(request, &errors), qPrintable(errors.join('\n')));
        QVERIFY(finished.wait(kSeriesBoundMs));
        QVERIFY2(aliveBetweenRuns.isEmpty(), qPrintable(aliveBetweenRuns.join('\n')));
        const OutcomeSeries &s = runner.series();
        QCOMPARE(s.name, QStringLiteral("CPython"));
        QCOMPARE(s.runs.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(runner.pendingTraces(), 0, kRunBoundMs);
        QSet<qint64> mainPids;
        for (int i = 0; i < 2; ++i) {
            QVERIFY2(s.runs[i].finished(), qPrintable(s.runs[i].status + ": " + runner.lastMessage()));
            QVERIFY(s.runs[i].runMs > 0);
            TraceModel model;
            QString error;
            QVERIFY2(s.loadTrace(i, &model, &error), qPrintable(error));
            QVERIFY(model.rowCount() >= 3); // MainProcess and the workers, from CPython
            mainPids.insert(model.lane(0).pid);
        }
        QCOMPARE(mainPids.size(), 2);
    }

    void thePythonEngineRefusesBadParametersAndStartsNothing()
    {
        PythonLabEngine engine;
        TraceModel model;
        QStringList errors;
        RunRequest request;
        request.labId = QStringLiteral("join");
        request.assignments = {{QStringLiteral("n"), QStringLiteral("0")}};
        QVERIFY(!engine.start(request, &model, &errors));
        QVERIFY2(errors.join(QLatin1Char(10)).contains(QStringLiteral("n must be 1–64, got 0")),
                 qPrintable(errors.join('\n')));
        QVERIFY(descendantsOf(getpid()).isEmpty());
    }

    // The declaration in each lab file must name a number the lab reports:
    // a renamed summary key would otherwise chart nothing.
    void keyOutcomesAreNumbersTheLabsReport()
    {
        int declared = 0;
        for (const LabInfo *lab : labs::all()) {
            if (!lab->outcome.key)
                continue;
            ++declared;
            QVERIFY2(lab->outcome.label, lab->id.c_str());
            // Quick parameters where the defaults take long; the key does not depend on them.
            Params quick;
            const QString id = QString::fromStdString(lab->id);
            if (id == QLatin1String("producer-consumer"))
                quick = {{"items_per_producer", "2"}, {"produce_ms_max", "20"},
                         {"consume_ms_max", "20"}, {"produce_ms_min", "0"},
                         {"consume_ms_min", "0"}};
            else if (id == QLatin1String("concurrency-parallelism"))
                quick = {{"workers", "2"}, {"cpu_ms", "50"}};
            for (auto it = quick.begin(); it != quick.end();)
                it = lab->param(it.key().toStdString()) ? std::next(it) : quick.erase(it);
            TraceModel model;
            LabSession session(&model);
            QSignalSpy done(&session, &LabSession::finished);
            QStringList errors;
            QVERIFY2(session.start(id, quick, &errors), qPrintable(id + ": " + errors.join('\n')));
            QVERIFY2(done.wait(kRunBoundMs), qPrintable(id));
            SeriesRun run;
            run.summary = model.summary();
            QVERIFY2(run.value(QString::fromUtf8(lab->outcome.key)).has_value(),
                     qPrintable(QStringLiteral("%1 declares key outcome '%2'; its summary: %3")
                                    .arg(id, QString::fromUtf8(lab->outcome.key),
                                         QString::fromUtf8(QJsonDocument(model.summary())
                                                               .toJson(QJsonDocument::Compact)))));
        }
        QVERIFY(declared >= 4);
    }

private:
    QStringList m_leftoversBefore;
};

QTEST_GUILESS_MAIN(TestSeriesRunner)
#include "tst_seriesrunner.moc"
