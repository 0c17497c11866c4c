#pragma once
// proclab-run LAB --repeat N: N full runs one after another (SeriesRunner,
// real processes), a line per run, then min / median / max of the key
// outcome and of the run time; --csv one row per run, --png / --svg the
// histogram, --json the distribution. --engine python makes the runs with
// the lab's Python program under CPython; --compare makes both series
// (the C++ lab's, then CPython's) and charts them side by side. Exit code 0
// when every run finished, 3 otherwise (what there is is still written), 2
// on bad input.

#include "clioptions.h"
#include "seriesrunner.h"

#include <QObject>

namespace proclab {

class CliSeries : public QObject
{
    Q_OBJECT
public:
    explicit CliSeries(const CliOptions &options, QObject *parent = nullptr);
    // Starts the first run; false (exit code set) on bad input.
    bool start();
    int exitCode() const { return m_exitCode; }

Q_SIGNALS:
    void done(int exitCode);

private:
    bool startSeries(int index, QStringList *errors);
    void onRunFinished(int number);
    void onSeriesFinished();
    void finish();
    bool writeFiles();
    void printDistribution() const;
    QList<const OutcomeSeries *> allSeries() const;

    CliOptions m_options;
    QList<SeriesRequest> m_requests;
    QList<SeriesRunner *> m_runners;
    int m_current = 0; // index of the series running
    int m_exitCode = 0;
};

} // namespace proclab
