#pragma once
// proclab-run LAB --repeat N: N full runs one after another (SeriesRunner,
// real processes), a line per run, then min / median / max of the key
// outcome and of the run time; --csv one row per run, --png / --svg the
// histogram, --json the distribution. --engine python makes the runs with
// the lab's Python program under CPython; --compare makes both series
// (the C++ lab's, then CPython's) and charts them side by side. Exit code 0
// when every run finished, 3 otherwise (what there is is still written), 2
// on bad input. SIGTERM, SIGINT or SIGHUP (stopBySignal()) stops the run under
// way and writes what the runs completed before it give, then 128 + signal.

#include "clioptions.h"
#include "seriesrunner.h"

#include <QObject>
#include <optional>

class QTimer;

namespace proclab {

class CliSeries : public QObject
{
    Q_OBJECT
public:
    explicit CliSeries(const CliOptions &options, QObject *parent = nullptr);
    // Starts the first run; false (exit code set) on bad input.
    bool start();
    int exitCode() const { return m_exitCode; }
    // SIGTERM, SIGINT or SIGHUP arrived: stops the run under way (as Stop
    // does) and the series, then writes the files asked for and prints the
    // distribution of the runs that ended before the signal (the stopped run
    // is left out), prints one line naming the signal and the files, and
    // reports done(128 + signal). False (nothing done) when already ending.
    bool stopBySignal(int signal);

Q_SIGNALS:
    void done(int exitCode);

private:
    bool startSeries(int index, QStringList *errors);
    void onRunFinished(int number);
    void onSeriesFinished();
    void finish();
    void finishBySignal();
    bool writeFiles(QStringList *written = nullptr); // the paths written go to `written`
    void printDistribution() const;
    QList<const OutcomeSeries *> allSeries() const;

    CliOptions m_options;
    QList<SeriesRequest> m_requests;
    QList<SeriesRunner *> m_runners;
    int m_current = 0; // index of the series running
    int m_exitCode = 0;
    int m_signal = 0;         // the signal that stopped the series, 0 if none
    qsizetype m_runsDone = 0; // runs of the current series that ended before it
    QTimer *m_signalBound = nullptr;
    bool m_ended = false;
    std::optional<OutcomeSeries> m_stoppedSeries; // the current series up to the signal
};

} // namespace proclab
