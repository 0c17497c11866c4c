#pragma once
// proclab-run LAB --repeat N: N full runs one after another (SeriesRunner,
// real processes), a line per run, then min / median / max of the key
// outcome and of the run time; --csv one row per run, --png / --svg the
// histogram, --json the distribution. Exit code 0 when every run finished,
// 3 otherwise (what there is is still written), 2 on bad input.

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
    void onRunFinished(int number);
    void onFinished();
    bool writeFiles();
    void printDistribution() const;

    CliOptions m_options;
    SeriesRunner *m_runner;
    int m_exitCode = 0;
};

} // namespace proclab
