#pragma once
// One headless run: starts the lab through LabSession (the same engine as the
// GUI), then writes the requested files and prints the summary.

#include "clioptions.h"
#include "labsession.h"

#include <QObject>

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

Q_SIGNALS:
    void done(int exitCode);

private:
    void onFinished(LabSession::State state);
    void printSummary() const;
    QString runName() const; // the lab, or the program, as the user named it
    bool writeFiles();

    CliOptions m_options;
    TraceModel *m_model;
    LabSession *m_session;
    int m_exitCode = 0;
};

} // namespace proclab
