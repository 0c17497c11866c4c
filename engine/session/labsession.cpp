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
constexpr std::uint32_t kSlotCapacity = 1u << 15; // 32768 records (1 MiB) per process
constexpr int kDrainIntervalMs = 16;              // ~60 Hz: smooth live drawing
constexpr int kStopGraceMs = 1000;                // G2/G3: all gone within 1 s
} // namespace

LabSession::LabSession(TraceModel *model, QObject *parent) : QObject(parent), m_model(model)
{
    m_drainTimer.setInterval(kDrainIntervalMs);
    connect(&m_drainTimer, &QTimer::timeout, this, &LabSession::drain);
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
        m_runner->terminate();
        m_runner->waitForFinished(kStopGraceMs);
        if (m_runner->state() != QProcess::NotRunning) {
            killOrphanedGroup();
            m_runner->kill();
            m_runner->waitForFinished(kStopGraceMs);
        }
    }
    reapStrays();
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

    if (!m_ring.create(kRingSlots, kSlotCapacity)) {
        errors->append(tr("cannot create the trace ring: %1").arg(qt_error_string(errno)));
        return false;
    }
    m_ring.ring().header()->t0Ns = trace::nowNs();
    m_ring.ring().header()->eventsOff = m_eventTracing ? 0 : 1;
    m_decoder = RecordDecoder(m_ring.ring().header()->t0Ns);
    m_store = std::make_unique<EventStore>();
    m_sink = std::make_unique<StoreSink>(*m_store);

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
    m_decoder.setRunnerPid(m_runnerPid);
    m_store->setRunnerPid(m_runnerPid);
    m_drainTimer.start();
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

void LabSession::drain()
{
    if (!m_ring.valid() || !m_store)
        return;
    if (m_ring.drainInto(m_decoder, *m_sink) > 0 || m_model->rowCount() == 0)
        m_model->adopt(m_store->snapshot());
    if (auto summary = m_sink->takeSummary())
        m_model->setSummary(*summary);
    if (auto status = m_sink->takeRunStatus())
        m_model->setRunStatus(*status);
    if (m_model->isLive())
        m_model->setLiveNow(double(trace::nowNs() - m_ring.ring().header()->t0Ns) / 1000.0);
}

void LabSession::onRunnerFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_state != State::Running)
        return;
    m_drainTimer.stop();
    m_stopEscalation.stop();
    drain();
    m_model->setLive(false);
    m_runDir.reset(); // the runner is gone; nothing else writes there
    analyseLostUpdates();

    const bool crashed = status == QProcess::CrashExit || exitCode < 0 || exitCode == 6;
    if (crashed) {
        m_state = State::Crashed;
        if (m_message.isEmpty())
            m_message = tr("lab engine stopped unexpectedly");
        m_model->setRunStatus(QStringLiteral("crashed"));
        killOrphanedGroup();
    } else {
        switch (exitCode) {
        case 0:
            m_state = State::Finished;
            break;
        case 2:
            m_state = State::BadInput;
            m_message = tr("the lab engine refused the parameters");
            break;
        case 3:
            m_state = State::LabFailed;
            m_message = tr("the lab's main process failed");
            break;
        case 4:
            m_state = State::Stopped;
            m_message = tr("stopped");
            break;
        case 5:
            m_state = State::TimedOut;
            m_message = tr("timed out");
            break;
        default:
            m_state = State::Crashed;
            m_message = tr("lab engine stopped unexpectedly");
            break;
        }
    }
    Q_EMIT finished(m_state);
}

void LabSession::analyseLostUpdates()
{
    if (!m_store)
        return;
    const LostUpdates::Result found = LostUpdates::analyseInto(m_store->snapshot(), *m_store);
    if (!found.anyVersioned)
        return;
    m_model->adopt(m_store->snapshot());
    QJsonObject summary = m_model->summary();
    summary.insert(QLatin1String(QT_TRANSLATE_NOOP("Summary", "detected_lost_updates")),
                   found.found);
    m_model->setSummary(summary);
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
