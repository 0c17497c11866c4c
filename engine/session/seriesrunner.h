#pragma once
// Runs one lab N times, one run after another with the same request, and
// collects what each run produced into an OutcomeSeries. Never blocks the
// calling (GUI) thread: each run is a RunEngine run (for the C++ labs a full
// LabSession run with real processes, ended and reaped before the next one
// starts), and a run's trace is turned into JSON on a worker thread while
// the next run goes (at most kMaxPendingTraces at once).
//
// Which engine makes the runs is the request's: by default the C++ lab
// (LabSessionEngine); a factory for another engine (CPython) makes the same
// N runs, and the chart shows the two series side by side.

#include "outcomeseries.h"
#include "runengine.h"

#include <QObject>
#include <functional>
#include <memory>

namespace proclab {

struct SeriesRequest
{
    QString name; // the series' name in the chart and the CSV ("C++")
    RunRequest run;
    int count = 0;          // kMinRuns .. kMaxRuns
    bool keepTraces = true; // false: summaries only (proclab-run)
    // Makes the engine for the runs; empty: LabSessionEngine.
    std::function<RunEngine *(QObject *parent)> engine;
};

class SeriesRunner : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMinRuns = 2;
    static constexpr int kMaxRuns = 1000;
    // Where runs' traces are kept: compressed in memory (a default
    // counter-race run, 30 MB of JSON, takes about 1.2 MB) up to
    // perRunInMemory each while the series holds less than memoryBudget;
    // else as JSON files in the series' temporary directory (File > Open
    // trace reads them) while they take less than diskBudget; else not at all
    // (the run's summary is still there).
    struct TraceLimits
    {
        qsizetype perRunInMemory = 8ll << 20;
        qsizetype memoryBudget = 192ll << 20;
        qsizetype diskBudget = 2ll << 30;
    };
    void setTraceLimits(const TraceLimits &limits) { m_limits = limits; }
    // Traces being written at once; the next run waits for one to finish
    // (each holds its run's whole model until then).
    static constexpr int kMaxPendingTraces = 2;

    explicit SeriesRunner(QObject *parent = nullptr);
    ~SeriesRunner() override;

    // Discards the previous series and starts the first run. False, with one
    // message per problem, when nothing was started (count out of range,
    // unknown lab, bad parameters, no temporary directory).
    bool start(const SeriesRequest &request, QStringList *errors);
    // Ends the current run (its processes) and the series; finished() follows.
    void stop();
    // Forgets the series (its traces, in memory and on disk).
    void discard();

    bool isRunning() const { return m_running; }
    bool wasStopped() const { return m_stopped; }
    const OutcomeSeries &series() const { return m_series; }
    int currentRun() const { return m_current; } // 1-based while running, else 0
    int pendingTraces() const { return m_pendingTraces; }
    // Why the last run did not finish (the engine's words), if it did not.
    QString lastMessage() const { return m_lastMessage; }

Q_SIGNALS:
    void runStarted(int number);
    void runFinished(int number); // series().runs.last() is the run
    void traceKept(int number);   // series().runs[number - 1] has its trace now
    void finished();              // every run made, or stopped

private:
    void startNext();
    void onRunFinished();
    void keepTrace(int index, std::shared_ptr<TraceModel> model);
    void end();

    SeriesRequest m_request;
    OutcomeSeries m_series;
    RunEngine *m_engine = nullptr;
    std::shared_ptr<TraceModel> m_model;
    bool m_running = false;
    bool m_stopped = false;
    int m_current = 0;
    int m_pendingTraces = 0;
    qsizetype m_bytesInMemory = 0;
    qsizetype m_bytesOnDisk = 0;
    TraceLimits m_limits;
    bool m_waitingForTraces = false;
    QString m_lastMessage;
    quint64 m_generation = 0; // traces of a discarded series are dropped
};

} // namespace proclab
