#pragma once
// Runs one lab N times, one run after another with the same request, and
// collects what each run produced into an OutcomeSeries. Never blocks the
// calling (GUI) thread: each run is a RunEngine run (for the C++ labs a full
// LabSession run with real processes, ended and reaped before the next one
// starts), and a run's trace is turned into JSON on a worker thread while
// the next run goes.
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
    // A run's trace stays in memory up to this size while the series holds
    // less than kMemoryBudget; larger ones go to a file in the series'
    // temporary directory.
    static constexpr qsizetype kMaxTraceInMemory = 4 * 1024 * 1024;
    static constexpr qsizetype kMemoryBudget = 96 * 1024 * 1024;
    void setTraceMemoryLimits(qsizetype perRun, qsizetype total)
    {
        m_maxTraceInMemory = perRun;
        m_memoryBudget = total;
    }

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
    qsizetype m_maxTraceInMemory = kMaxTraceInMemory;
    qsizetype m_memoryBudget = kMemoryBudget;
    QString m_lastMessage;
    quint64 m_generation = 0; // traces of a discarded series are dropped
};

} // namespace proclab
