#pragma once
// Ends a run whose LabSession is going away (the window was closed mid-run)
// without blocking the thread: takes over the runner's QProcess and the run's
// directory, asks the runner to stop (SIGTERM: it ends and reaps the lab's
// group), kills the group and the runner if that takes longer than the grace
// (docs/RELIABILITY.md: all gone within 1 s), reaps lab processes that were
// re-parented to the host, removes the run's directories, then deletes itself.
// It lives under the application object; if the application ends first, its
// destructor kills what is left and removes the run's directories (that wait
// no longer holds up a window). So that a runner can end its lab like a Stop
// press rather than be killed, main() calls waitForRunners() after its event
// loop has returned and its windows (their sessions) are gone.

#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <memory>

namespace proclab {

class RunnerEnding : public QObject
{
    Q_OBJECT
public:
    // Takes `runner` (still running; its signals to others disconnected),
    // `runDir` and `spillDir` (the writers' spill files, removed with it);
    // `labGroup` is the lab's process group (0 when not known yet).
    static RunnerEnding *takeOver(QProcess *runner, qint64 labGroup,
                                  std::unique_ptr<QTemporaryDir> runDir, int graceMs,
                                  const QString &spillDir = QString());
    ~RunnerEnding() override;

    static int pending(); // endings still under way (tests)
    // Runs an event loop until every runner handed over has ended (each has
    // stopped its lab, or been killed after the grace) or `boundMs` passed.
    // For main(), after QCoreApplication::exec() has returned.
    static void waitForRunners(int boundMs);

private:
    RunnerEnding(QProcess *runner, qint64 labGroup, std::unique_ptr<QTemporaryDir> runDir);
    void escalate();
    void onRunnerFinished();
    void reapGroup();
    void removeSpillDir();

    QProcess *m_runner;
    qint64 m_group;
    std::unique_ptr<QTemporaryDir> m_runDir;
    QString m_spillDir;
    QTimer m_escalation;
    QTimer m_reaper;
    int m_quietPolls = 0;
};

} // namespace proclab
