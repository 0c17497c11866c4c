#include "labsession.h"

#include "bootstrap.h"
#include "enginetext.h"
#include "installpaths.h"
#include "labs.h"
#include "lostupdates.h"
#include "pythonsummary.h"
#include "runnerending.h"
#include "runnerexit.h"
#include "tracewriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>

namespace proclab {

namespace {
// 262144 records (8 MiB, memory only where written) per process: enough that
// a lab's burst never has to spill while the host, below the lab in
// priority, catches up; past that the writer spills a quarter slot to its
// file (slow, but it never waits for the host).
constexpr std::uint32_t kSlotCapacity = 1u << 18;
constexpr int kNowIntervalMs = 16; // ~60 Hz: the live "now" line moves smoothly
constexpr int kStopGraceMs = 1000;                // all gone within 1 s (docs/RELIABILITY.md)
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
        // Destroyed mid-run (window closed): the run ends without blocking
        // this thread (runnerending.h). Not through onRunnerFinished: it
        // would drain into the model, which its owner may already have
        // deleted (LabPage destroys its TraceModel first).
        disconnect(m_runner, nullptr, this, nullptr);
        m_drain.reset(); // stops the drain thread: nothing more goes to the model
        RunnerEnding::takeOver(std::exchange(m_runner, nullptr), labProcessGroup(),
                               std::move(m_runDir), kStopGraceMs, std::exchange(m_traceDir, {}));
    }
    reapStrays();
    m_drain.reset();
    if (!m_traceDir.isEmpty())
        QDir(m_traceDir).removeRecursively(); // writers' spill files
}

QString LabSession::runnerPath()
{
    return installPaths::runner();
}

qint64 LabSession::labProcessGroup() const
{
    return m_ring.valid() ? m_ring.ring().header()->labPgid.load() : 0;
}

bool LabSession::resolveLab(const QString &labId, const QMap<QString, QString> &assignments,
                            QJsonObject *params, QStringList *errors)
{
    const LabInfo *lab = labs::find(labId.toStdString());
    if (!lab) {
        QStringList ids;
        for (const LabInfo *l : labs::all())
            ids << QString::fromStdString(l->id);
        errors->append(QCoreApplication::translate("proclab::LabSession",
                                                   "unknown lab '%1' (labs: %2)")
                           .arg(labId, ids.join(QStringLiteral(", "))));
        return false;
    }
    std::map<std::string, std::string> values;
    for (auto it = assignments.begin(); it != assignments.end(); ++it)
        values[it.key().toStdString()] = it.value().toStdString();
    ParamValues resolved;
    for (const std::string &e : resolveParams(*lab, values, &resolved))
        errors->append(engineText::message(e));
    if (!errors->isEmpty())
        return false;
    for (const ParamSpec &spec : lab->params) {
        const QString name = QString::fromStdString(spec.name);
        const ParamValue &v = resolved.all().at(spec.name);
        if (auto i = std::get_if<std::int64_t>(&v))
            params->insert(name, qint64(*i));
        else if (auto b = std::get_if<bool>(&v))
            params->insert(name, *b);
        else
            params->insert(name, QString::fromStdString(resolved.text(spec.name)));
    }
    return true;
}

bool LabSession::start(const QString &labId, const QMap<QString, QString> &assignments,
                       QStringList *errors, double timeoutSeconds)
{
    errors->clear();
    if (isRunning()) {
        errors->append(tr("A lab is already running: stop it first"));
        return false;
    }
    QJsonObject params;
    if (!resolveLab(labId, assignments, &params, errors)) {
        m_state = State::BadInput;
        return false;
    }
    QStringList args{labId};
    const LabInfo *lab = labs::find(labId.toStdString());
    for (const ParamSpec &spec : lab->params) {
        const QString name = QString::fromStdString(spec.name);
        const QJsonValue v = params.value(name);
        const QString text = v.isBool()     ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                             : v.isDouble() ? QString::number(v.toInteger())
                                            : v.toString();
        args << QStringLiteral("--set") << name + QLatin1Char('=') + text;
    }
    m_python = false;
    return launch(args, labId, params, timeoutSeconds, errors);
}

bool LabSession::startPython(const PythonRun &run, QStringList *errors, double timeoutSeconds)
{
    errors->clear();
    if (isRunning()) {
        errors->append(tr("A lab is already running: stop it first"));
        return false;
    }
    *errors = run.check();
    if (!errors->isEmpty()) {
        m_state = State::BadInput;
        return false;
    }
    const QString program = run.programText.isEmpty() ? QFileInfo(run.program).absoluteFilePath()
                                                       : QString();
    QJsonObject params = run.params;
    params.insert(QStringLiteral("program"),
                  program.isEmpty() ? run.programName : program);
    if (!run.args.isEmpty())
        params.insert(QStringLiteral("args"), run.args.join(QLatin1Char(' ')));
    const QString labId = run.labId.isEmpty() ? QStringLiteral("python") : run.labId;
    m_python = true;
    return launch({}, labId, params, timeoutSeconds, errors,
                  [&](const QString &runDir, QStringList *args, QStringList *errs) {
                      QString path = program;
                      QString workDir = run.workDir;
                      if (path.isEmpty()) { // a lab's own program: a file in the run's directory
                          path = QDir(runDir).filePath(run.programName);
                          QFile f(path);
                          if (!f.open(QIODevice::WriteOnly) ||
                              f.write(run.programText.toUtf8()) < 0) {
                              errs->append(tr("cannot write %1: %2").arg(path, f.errorString()));
                              return false;
                          }
                          if (workDir.isEmpty())
                              workDir = runDir;
                      } else if (workDir.isEmpty()) {
                          workDir = QFileInfo(program).absolutePath();
                      }
                      *args << QStringLiteral("--python") << path
                            << QStringLiteral("--interpreter") << run.resolvedInterpreter()
                            << QStringLiteral("--tracer-dir") << PythonRun::tracerDir()
                            << QStringLiteral("--cwd") << workDir << QStringLiteral("--")
                            << run.args;
                      return true;
                  });
}

bool LabSession::launch(QStringList args, const QString &labId, const QJsonObject &params,
                        double timeoutSeconds, QStringList *errors,
                        const std::function<bool(const QString &, QStringList *, QStringList *)> &prepare)
{
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
    // A Python run's records are stamped with CLOCK_MONOTONIC by its tracer
    // (time.monotonic_ns or the extension's clock_gettime): the whole ring
    // then uses that clock, the runner's and the sampler's records included.
    if (!m_ring.create(kRingSlots, kSlotCapacity, m_traceDir, !m_python)) {
        errors->append(tr("cannot create the trace ring: %1").arg(qt_error_string(errno)));
        QDir(m_traceDir).removeRecursively();
        return false;
    }
    m_ring.ring().header()->eventsOff = m_eventTracing ? 0 : 1;
    if (m_eventTracing)
        m_ring.startPreparing();

    m_runDir =
        std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/proclab-run-XXXXXX"));
    if (!m_runDir->isValid()) {
        errors->append(tr("cannot create the run's directory in %1: %2")
                           .arg(QDir::tempPath(), m_runDir->errorString()));
        m_runDir.reset();
        QDir(m_traceDir).removeRecursively();
        return false;
    }
    if (prepare && !prepare(m_runDir->path(), &args, errors)) {
        m_runDir.reset();
        return false;
    }
    QStringList host{QStringLiteral("--run-dir"), m_runDir->path(), QStringLiteral("--ring-fd"),
                     QString::number(m_ring.fd()), QStringLiteral("--host-pid"),
                     QString::number(QCoreApplication::applicationPid())};
    if (timeoutSeconds > 0)
        host << QStringLiteral("--timeout") << QString::number(timeoutSeconds);
    // The host's options go before a Python program's own arguments (after "--").
    const qsizetype dashes = args.indexOf(QStringLiteral("--"));
    for (qsizetype i = 0; i < host.size(); ++i)
        args.insert(dashes < 0 ? args.size() : dashes + i, host[i]);

    m_model->clear();
    m_model->setRunInfo(labId, params);
    m_model->setLive(true);
    m_message.clear();

    delete m_runner;
    m_runner = new QProcess(this);
    // (A forwarded channel would win over a file: Qt ignores the file then.)
    m_runner->setProcessChannelMode(m_forwardOutput ? QProcess::ForwardedOutputChannel
                                                    : QProcess::SeparateChannels);
    if (!m_forwardOutput)
        m_runner->setStandardOutputFile(QProcess::nullDevice());
    const int ringFd = m_ring.fd();
    m_runner->setChildProcessModifier([ringFd] {
        // Between fork and exec of a multi-threaded process: system calls only.
        fcntl(ringFd, F_SETFD, 0); // the runner inherits the ring
        // Host gone: the runner stops the lab and removes the run's
        // directories. Held until the runner waits for it (runnerexit.h).
        sigset_t hostGone;
        sigemptyset(&hostGone);
        sigaddset(&hostGone, kHostGoneSignal);
        sigprocmask(SIG_BLOCK, &hostGone, nullptr);
        prctl(PR_SET_PDEATHSIG, kHostGoneSignal);
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
    m_sharedNames += u->sharedNames;
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
    m_ring.stopPreparing();

    const bool crashed = status == QProcess::CrashExit || exitCode < 0 || exitCode == RunnerInternalError;
    if (crashed) {
        m_endState = State::Crashed;
        if (m_message.isEmpty())
            m_message = tr("lab engine stopped unexpectedly");
        killOrphanedGroup();
    } else {
        switch (exitCode) {
        case RunnerOk:
            m_endState = State::Finished;
            break;
        case RunnerBadInput:
            m_endState = State::BadInput;
            m_message = tr("the lab engine refused the parameters");
            break;
        case RunnerLabFailed:
            m_endState = State::LabFailed;
            m_message = tr("the lab's main process failed");
            break;
        case RunnerStopped:
            m_endState = State::Stopped;
            m_message = tr("stopped");
            break;
        case RunnerTimedOut:
            m_endState = State::TimedOut;
            m_message = tr("timed out");
            break;
        default:
            m_endState = State::Crashed;
            m_message = tr("lab engine stopped unexpectedly");
            break;
        }
    }
    // Every writer is gone (a crashed runner's lab was killed above): the
    // spill files are opened and unlinked now, so nothing is left named on
    // disk even if this process is killed while the drain still reads them.
    m_ring.adoptSpillFiles();
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
    removeSharedNames();
    if (m_python) {
        // What the program printed wins over what the trace says.
        QJsonObject summary = PythonSummary::compute(*m_model);
        const QJsonObject printed = m_model->summary();
        for (auto it = printed.begin(); it != printed.end(); ++it)
            summary.insert(it.key(), it.value());
        m_model->setSummary(summary);
    }
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
    // Nothing of the run stays named on disk: the drain adopted the writers'
    // spill files when the runner ended, and the store's own chunks (a run
    // too big for memory) live in a file without a name.
    QDir(m_traceDir).removeRecursively();
    m_traceDir.clear();
    m_state = m_endState;
    Q_EMIT finished(m_state);
}

void LabSession::removeSharedNames()
{
    // Python unlinks its named semaphores and shared memory when the program
    // ends normally; after Stop, a timeout or a crash nobody does. Only names
    // the program reported, each a plain file name in /dev/shm.
    for (const QString &name : std::as_const(m_sharedNames))
        if (!name.isEmpty() && !name.contains(QLatin1Char('/')) && name != QLatin1String(".") &&
            name != QLatin1String(".."))
            QFile::remove(QStringLiteral("/dev/shm/") + name);
    m_sharedNames.clear();
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
