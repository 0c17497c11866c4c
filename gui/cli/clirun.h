#pragma once
// One headless run: starts the lab through LabSession (the same engine as the
// GUI), then writes the requested files and prints the summary.

#include "clioptions.h"
#include "labsession.h"

#include <QObject>
#include <QTimer>

namespace proclab {

class TraceModel;

class CliRun : public QObject
{
    Q_OBJECT
public:
    explicit CliRun(const CliOptions &options, QObject *parent = nullptr);
    // Starts the run; returns false (exit code set) on bad input.
    bool start();
    int exitCode() const { return m_exitCode; }
    // SIGTERM, SIGINT or SIGHUP arrived: stops the run as Stop does, then
    // writes the files asked for from what was recorded, prints the summary
    // and one line naming the signal and the files, and reports done(128 +
    // signal). False (nothing done) when no run is under way.
    bool stopBySignal(int signal);

Q_SIGNALS:
    void done(int exitCode);

private:
    void onFinished(LabSession::State state);
    void printSummary() const;
    QString runName() const; // the lab, or the program, as the user named it
    bool writeFiles(QStringList *written = nullptr); // the paths written go to `written`
    void endStoppedBySignal(bool runEnded);

    CliOptions m_options;
    TraceModel *m_model;
    LabSession *m_session;
    int m_exitCode = 0;
    int m_signal = 0; // the signal that stopped the run, 0 if none
    QTimer *m_signalBound = nullptr;
    bool m_signalEnded = false;
};

} // namespace proclab
