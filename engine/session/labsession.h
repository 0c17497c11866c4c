#pragma once
// One lab run seen from the host (GUI or CLI): starts proclab-runner with the
// trace ring, drains the ring into a TraceModel about 60 times a second, and
// ends the run on Stop. Never blocks the calling thread: the runner's end is
// reported by QProcess's signal, lab processes are never waited for here.
//
// If the runner dies unexpectedly (G3), the session kills the lab's process
// group itself and reaps what is re-parented to this process (the host is a
// child subreaper), then reports "lab engine stopped unexpectedly".

#include "pythonrun.h"
#include "ringreader.h"
#include "tracemodel.h"

#include <QMap>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>
#include <functional>
#include <memory>

namespace proclab {

struct LabInfo;

class LabSession : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,
        Running,
        Finished,
        LabFailed,
        Stopped,
        TimedOut,
        Crashed,
        BadInput
    };
    Q_ENUM(State)

    explicit LabSession(TraceModel *model, QObject *parent = nullptr);
    ~LabSession() override;

    // Validates `assignments` against the lab's schema; on any problem returns
    // false with one message per field in `errors` and starts nothing.
    bool start(const QString &labId, const QMap<QString, QString> &assignments, QStringList *errors,
               double timeoutSeconds = 0);
    // A lab's parameters with defaults filled in, or one message per problem.
    static bool resolveLab(const QString &labId, const QMap<QString, QString> &assignments,
                           QJsonObject *params, QStringList *errors);
    // Runs a CPython program (a user's, or a lab's own with `run.labId` set)
    // under the tracer, drawn like a lab. Problems (missing file, no
    // interpreter, ...) go to `errors` and nothing starts.
    bool startPython(const PythonRun &run, QStringList *errors, double timeoutSeconds = 0);
    void stop(); // ends every lab process (the runner kills the group and reaps it)
    bool isPythonRun() const { return m_python; }
    // Whether what the run prints also goes to our stdout (default yes, as
    // `python3 prog.py` would; a series of runs keeps its own output: the
    // trace has every print anyway). Set before start.
    void setOutputForwarded(bool on) { m_forwardOutput = on; }

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    QString message() const { return m_message; } // what went wrong, for the user
    qint64 runnerPid() const { return m_runnerPid; }
    qint64 labProcessGroup() const; // 0 until the runner has forked MainProcess
    std::uint64_t recordsRead() const { return m_ring.recordsRead(); }
    std::uint64_t traceStallNs() const { return m_ring.stallNs(); }

    // Where proclab-runner is: $PROCLAB_RUNNER, else installPaths::runner().
    static QString runnerPath();

Q_SIGNALS:
    void started();
    void finished(proclab::LabSession::State state);

private:
    // Starts the runner with `args` (the lab or program part; the ring, run
    // directory and host options are added here). `prepare` runs once the run
    // directory exists and may add arguments that need it.
    bool launch(QStringList args, const QString &labId, const QJsonObject &params,
                double timeoutSeconds, QStringList *errors,
                const std::function<bool(const QString &runDir, QStringList *args,
                                         QStringList *errors)> &prepare = {});
    void drain();
    void onRunnerFinished(int exitCode, QProcess::ExitStatus status);
    void analyseLostUpdates(); // from the finished trace; adds `lost-update` events
    void killOrphanedGroup();
    void removeSharedNames(); // what a killed Python program left in /dev/shm
    void reapStrays();

    TraceModel *m_model;
    RingReader m_ring;
    RecordDecoder m_decoder;
    QProcess *m_runner = nullptr;
    // The run's directory for lab files: made here and removed here once the
    // runner has ended, so even a crashed runner leaves no file behind (G1).
    std::unique_ptr<QTemporaryDir> m_runDir;
    QTimer m_drainTimer;
    QTimer m_stopEscalation;
    QTimer m_strayReaper;
    State m_state = State::Idle;
    QString m_message;
    qint64 m_runnerPid = 0;
    qint64 m_strayGroup = 0;
    bool m_python = false;
    bool m_forwardOutput = true;
    QStringList m_sharedNames; // /dev/shm names the run's program made
    int m_strayPolls = 0;
};

} // namespace proclab
