#include "labsession.h"

#include "bootstrap.h"
#include "enginetext.h"
#include "installpaths.h"
#include "labs.h"
#include "lostupdates.h"
#include "pythonsummary.h"
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

    if (!m_ring.create(kRingSlots, kSlotCapacity)) {
        errors->append(tr("cannot create the trace ring: %1").arg(qt_error_string(errno)));
        return false;
    }
    m_ring.ring().header()->t0Ns = trace::nowNs();
    m_decoder = RecordDecoder(m_ring.ring().header()->t0Ns);

    m_runDir =
        std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/proclab-run-XXXXXX"));
    if (!m_runDir->isValid()) {
        errors->append(tr("cannot create the run's directory in %1: %2")
                           .arg(QDir::tempPath(), m_runDir->errorString()));
        m_runDir.reset();
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
    if (!m_ring.valid())
        return;
    // A Python run's MainProcess moves time 0 to its own start (Python's
    // start-up is not the program's); nothing is recorded before that.
    m_decoder.setT0(m_ring.ring().header()->t0Ns);
    RecordDecoder::Batch batch = m_decoder.decode(m_ring.drain());
    m_model->append(batch.events);
    if (batch.summary)
        m_model->setSummary(*batch.summary);
    if (batch.runStatus)
        m_model->setRunStatus(*batch.runStatus);
    m_sharedNames += batch.sharedNames;
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
    removeSharedNames();
    if (m_python) {
        QJsonObject summary = PythonSummary::compute(*m_model);
        const QJsonObject printed = m_model->summary();
        for (auto it = printed.begin(); it != printed.end(); ++it)
            summary.insert(it.key(), it.value());
        m_model->setSummary(summary);
    }
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
    const QVector<LostUpdate> found = LostUpdates::find(*m_model);
    bool anyWrites = !found.isEmpty();
    for (int r = 0; r < m_model->rowCount() && !anyWrites; ++r)
        for (const Marker &m : m_model->lane(r).markers)
            if (m.name == ev::Write && m.args.value(QStringLiteral("version")).toInteger() > 0) {
                anyWrites = true;
                break;
            }
    if (!anyWrites)
        return;
    m_model->append(LostUpdates::toEvents(found, *m_model));
    QJsonObject summary = m_model->summary();
    summary.insert(QLatin1String(QT_TRANSLATE_NOOP("Summary", "detected_lost_updates")),
                   found.size());
    m_model->setSummary(summary);
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
