#include "labsession.h"

#include "bootstrap.h"
#include "enginetext.h"
#include "labs.h"
#include "lostupdates.h"
#include "tracewriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace proclab {

namespace {
// 262144 records (8 MiB, memory only where written) per process: enough that
// a lab's burst never has to spill while the host, below the lab in
// priority, catches up; past that the writer spills a quarter slot to its
// file (slow, but it never waits for the host).
constexpr std::uint32_t kSlotCapacity = 1u << 18;
constexpr int kNowIntervalMs = 16; // ~60 Hz: the live "now" line moves smoothly
constexpr int kStopGraceMs = 1000;                // G2/G3: all gone within 1 s
} // namespace

LabSession::LabSession(TraceModel *model, QObject *parent) : QObject(parent), m_model(model)
{
    m_nowTimer.setInterval(kNowIntervalMs);
    connect(&m_nowTimer, &QTimer::timeout, this, [this] {
        if (m_model->isLive() && m_ring.valid())
            m_model->setLiveNow(double(trace::nowNs() - m_ring.ring().header()->t0Ns) / 1000.0);
    });
    m_stopEscalation.setSingleShot(true);
    connect(&m_stopEscalation, &QTimer::timeout, this, [this] {
        if (m_runner && m_runner->state() != QProcess::NotRunning) {
            killOrphanedGroup();
            m_runner->kill();
        }
    });
    m_strayReaper.setInterval(20);
    connect(&m_strayReaper, &QTimer::timeout, this, &LabSession::reapStrays);
}

LabSession::~LabSession()
{
    if (m_runner && m_runner->state() != QProcess::NotRunning) {
        // Destroyed mid-run (window closed): end the lab now. The runner kills
        // and reaps the group; QProcess's destructor then reaps the runner.
        // waitForFinished() emits finished(): with onRunnerFinished connected
        // it would drain into the model, which its owner may already have
        // deleted (LabPage destroys its TraceModel first), and signal a
        // half-destroyed receiver.
        disconnect(m_runner, nullptr, this, nullptr);
        m_drain.reset(); // stops the drain thread: nothing more goes to the model
        m_runner->terminate();
        m_runner->waitForFinished(kStopGraceMs);
        if (m_runner->state() != QProcess::NotRunning) {
            killOrphanedGroup();
            m_runner->kill();
            m_runner->waitForFinished(kStopGraceMs);
        }
    }
    reapStrays();
    m_drain.reset();
    if (!m_traceDir.isEmpty())
        QDir(m_traceDir).removeRecursively(); // writers' spill files (the store keeps its own)
}

QString LabSession::runnerPath()
{
    const QString env = qEnvironmentVariable("PROCLAB_RUNNER");
    if (!env.isEmpty())
        return env;
    const QDir dir(QCoreApplication::applicationDirPath());
    for (const QString &candidate :
         {dir.filePath(QStringLiteral("proclab-runner")),
          dir.filePath(QStringLiteral("../engine/runner/proclab-runner")),
          dir.filePath(QStringLiteral("../../engine/runner/proclab-runner"))}) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return dir.filePath(QStringLiteral("proclab-runner"));
}

qint64 LabSession::labProcessGroup() const
{
    return m_ring.valid() ? m_ring.ring().header()->labPgid.load() : 0;
}

bool LabSession::start(const QString &labId, const QMap<QString, QString> &assignments,
                       QStringList *errors, double timeoutSeconds)
{
    errors->clear();
    if (isRunning()) {
        errors->append(tr("A lab is already running: stop it first"));
        return false;
    }
    const LabInfo *lab = labs::find(labId.toStdString());
    if (!lab) {
        QStringList ids;
        for (const LabInfo *l : labs::all())
            ids << QString::fromStdString(l->id);
        errors->append(
            tr("unknown lab '%1' (labs: %2)").arg(labId, ids.join(QStringLiteral(", "))));
        return false;
    }
    std::map<std::string, std::string> values;
    for (auto it = assignments.begin(); it != assignments.end(); ++it)
        values[it.key().toStdString()] = it.value().toStdString();
    ParamValues resolved;
    for (const std::string &e : resolveParams(*lab, values, &resolved))
        errors->append(engineText::message(e));
    if (!errors->isEmpty()) {
        m_state = State::BadInput;
        return false;
    }

    // Lab processes re-parented to the host when the runner dies must be ours to reap.
    prctl(PR_SET_CHILD_SUBREAPER, 1);

    // The run's trace directory: writers' spill files and, for a run too big
    // for memory, the store's chunks. Its own, so the lab never sees it.
    m_drain.reset();
    {
        QTemporaryDir traceDir(QDir::tempPath() + QStringLiteral("/proclab-trace-XXXXXX"));
        if (!traceDir.isValid()) {
            errors->append(tr("cannot create the run's directory in %1: %2")
                               .arg(QDir::tempPath(), traceDir.errorString()));
            return false;
        }
        traceDir.setAutoRemove(false);
        m_traceDir = traceDir.path();
    }
    if (!m_ring.create(kRingSlots, kSlotCapacity, m_traceDir)) {
        errors->append(tr("cannot create the trace ring: %1").arg(qt_error_string(errno)));
        QDir(m_traceDir).removeRecursively();
        return false;
    }
    m_ring.ring().header()->eventsOff = m_eventTracing ? 0 : 1;

    QJsonObject params;
    QStringList args{labId};
    for (const ParamSpec &spec : lab->params) {
        const QString name = QString::fromStdString(spec.name);
        const QString text = QString::fromStdString(resolved.text(spec.name));
        args << QStringLiteral("--set") << name + QLatin1Char('=') + text;
        const ParamValue &v = resolved.all().at(spec.name);
        if (auto i = std::get_if<std::int64_t>(&v))
            params.insert(name, qint64(*i));
        else if (auto b = std::get_if<bool>(&v))
            params.insert(name, *b);
        else
            params.insert(name, text);
    }
    m_runDir =
        std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/proclab-run-XXXXXX"));
    if (!m_runDir->isValid()) {
        errors->append(tr("cannot create the run's directory in %1: %2")
                           .arg(QDir::tempPath(), m_runDir->errorString()));
        m_runDir.reset();
        QDir(m_traceDir).removeRecursively();
        return false;
    }
    args << QStringLiteral("--run-dir") << m_runDir->path();
    args << QStringLiteral("--ring-fd") << QString::number(m_ring.fd())
         << QStringLiteral("--host-pid") << QString::number(QCoreApplication::applicationPid());
    if (timeoutSeconds > 0)
        args << QStringLiteral("--timeout") << QString::number(timeoutSeconds);

    m_model->clear();
    m_model->setRunInfo(labId, params);
    m_model->setLive(true);
    m_message.clear();

    delete m_runner;
    m_runner = new QProcess(this);
    m_runner->setProcessChannelMode(QProcess::ForwardedOutputChannel);
    const int ringFd = m_ring.fd();
    m_runner->setChildProcessModifier([ringFd] {
        // Between fork and exec of a multi-threaded process: system calls only.
        fcntl(ringFd, F_SETFD, 0);        // the runner inherits the ring
        prctl(PR_SET_PDEATHSIG, SIGTERM); // host gone: the runner stops the lab (G2)
    });
    connect(m_runner, &QProcess::finished, this, &LabSession::onRunnerFinished);
    connect(m_runner, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) {
            m_message =
                tr("cannot start the lab engine %1: %2").arg(runnerPath(), m_runner->errorString());
            onRunnerFinished(-1, QProcess::CrashExit);
        }
    });
    m_state = State::Running;
    m_runner->start(runnerPath(), args);
    m_runnerPid = m_runner->processId();
    m_endState = State::Running;
    m_records = 0;
    auto store = std::make_unique<EventStore>(m_traceDir);
    store->setRunnerPid(m_runnerPid);
    RecordDecoder decoder;
    decoder.setRunnerPid(m_runnerPid);
    m_drain = std::make_unique<TraceDrain>(m_ring, std::move(store), decoder, [this] {
        // From the drain thread: take the update on ours.
        QMetaObject::invokeMethod(this, &LabSession::onDrainUpdate, Qt::QueuedConnection);
    });
    m_drain->start();
    m_nowTimer.start();
    Q_EMIT started();
    return true;
}

void LabSession::stop()
{
    if (!isRunning() || !m_runner)
        return;
    m_runner->terminate(); // SIGTERM: the runner kills the lab group and reaps it
    m_stopEscalation.start(kStopGraceMs);
}

void LabSession::onDrainUpdate()
{
    if (!m_drain)
        return;
    std::optional<TraceDrain::Update> u = m_drain->take();
    if (!u)
        return;
    m_records = u->records;
    m_model->adopt(std::move(u->snapshot));
    if (u->summary)
        m_model->setSummary(*u->summary);
    if (u->runStatus)
        m_model->setRunStatus(*u->runStatus);
    if (u->final)
        finishRun(*u);
}

void LabSession::onRunnerFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_state != State::Running || m_endState != State::Running)
        return;
    m_stopEscalation.stop();
    m_runDir.reset(); // the runner is gone; nothing else writes there

    const bool crashed = status == QProcess::CrashExit || exitCode < 0 || exitCode == 6;
    if (crashed) {
        m_endState = State::Crashed;
        if (m_message.isEmpty())
            m_message = tr("lab engine stopped unexpectedly");
        killOrphanedGroup();
    } else {
        switch (exitCode) {
        case 0:
            m_endState = State::Finished;
            break;
        case 2:
            m_endState = State::BadInput;
            m_message = tr("the lab engine refused the parameters");
            break;
        case 3:
            m_endState = State::LabFailed;
            m_message = tr("the lab's main process failed");
            break;
        case 4:
            m_endState = State::Stopped;
            m_message = tr("stopped");
            break;
        case 5:
            m_endState = State::TimedOut;
            m_message = tr("timed out");
            break;
        default:
            m_endState = State::Crashed;
            m_message = tr("lab engine stopped unexpectedly");
            break;
        }
    }
    // The drain thread reads what is left and finds the lost updates; the
    // run is over when it says so (onDrainUpdate -> finishRun).
    if (m_drain)
        m_drain->finish();
    else
        finishRun({});
}

void LabSession::finishRun(const TraceDrain::Update &last)
{
    m_nowTimer.stop();
    m_model->setLive(false);
    if (last.final && last.lost.anyVersioned) {
        QJsonObject summary = m_model->summary();
        summary.insert(QLatin1String(QT_TRANSLATE_NOOP("Summary", "detected_lost_updates")),
                       last.lost.found);
        m_model->setSummary(summary);
    }
    if (m_endState == State::Crashed)
        m_model->setRunStatus(QStringLiteral("crashed"));
    // The drain thread has ended; its store lives on in the model's snapshot.
    m_drain.reset();
    // Nothing of the run stays on disk unless the store keeps chunks there
    // (a run too big for memory): then the directory goes with the model.
    if (last.spilledBytes == 0)
        QDir(m_traceDir).removeRecursively(); // else the store removes it when it goes
    m_traceDir.clear();
    m_state = m_endState;
    Q_EMIT finished(m_state);
}

void LabSession::killOrphanedGroup()
{
    const qint64 group = labProcessGroup();
    if (group <= 0)
        return;
    // The runner is gone, so nobody reaps the group: its members are (or will
    // be) re-parented to us. Killing by group is safe while members exist:
    // Linux does not reuse a pid that still names a process group.
    ::kill(-pid_t(group), SIGKILL);
    m_strayGroup = group;
    m_strayPolls = 0;
    reapStrays();
    if (m_strayGroup)
        m_strayReaper.start();
}

void LabSession::reapStrays()
{
    if (m_strayGroup <= 0) {
        m_strayReaper.stop();
        return;
    }
    // Non-blocking: only lab processes (group m_strayGroup) are reaped here,
    // never the runner QProcess owns.
    for (;;) {
        siginfo_t info{};
        if (waitid(P_PGID, id_t(m_strayGroup), &info, WEXITED | WNOHANG) != 0) {
            if (errno == ECHILD && ++m_strayPolls > 50) { // 1 s without any: done
                m_strayGroup = 0;
                m_strayReaper.stop();
            }
            return;
        }
        if (info.si_pid == 0)
            return;
        m_strayPolls = 0;
    }
}

} // namespace proclab
