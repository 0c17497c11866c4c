#pragma once
// One lab run seen from the host (GUI or CLI): starts proclab-runner with the
// trace ring, drains the ring into a TraceModel about 60 times a second, and
// ends the run on Stop. Never blocks the calling thread: the runner's end is
// reported by QProcess's signal, lab processes are never waited for here.
//
// If the runner dies unexpectedly (G3), the session kills the lab's process
// group itself and reaps what is re-parented to this process (the host is a
// child subreaper), then reports "lab engine stopped unexpectedly".

#include "ringreader.h"
#include "tracemodel.h"

#include <QMap>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QTimer>
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
    void stop(); // ends every lab process (the runner kills the group and reaps it)
    // Off: the next run records only each process's life, output, errors and
    // the summary (no per-event records, no /proc samples): the baseline a
    // benchmark compares tracing against. On by default.
    void setEventTracing(bool on) { m_eventTracing = on; }
    bool eventTracing() const { return m_eventTracing; }

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    QString message() const { return m_message; } // what went wrong, for the user
    qint64 runnerPid() const { return m_runnerPid; }
    qint64 labProcessGroup() const; // 0 until the runner has forked MainProcess
    std::uint64_t recordsRead() const { return m_ring.recordsRead(); }
    std::uint64_t traceStallNs() const { return m_ring.stallNs(); }

    // Where proclab-runner is: beside this executable, else $PROCLAB_RUNNER.
    static QString runnerPath();

Q_SIGNALS:
    void started();
    void finished(proclab::LabSession::State state);

private:
    void drain();
    void onRunnerFinished(int exitCode, QProcess::ExitStatus status);
    void analyseLostUpdates(); // from the finished trace; adds `lost-update` events
    void killOrphanedGroup();
    void reapStrays();

    TraceModel *m_model;
    RingReader m_ring;
    RecordDecoder m_decoder;
    std::unique_ptr<EventStore> m_store; // the run's events; the model shows snapshots of it
    std::unique_ptr<StoreSink> m_sink;
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
    int m_strayPolls = 0;
    bool m_eventTracing = true;
};

} // namespace proclab
