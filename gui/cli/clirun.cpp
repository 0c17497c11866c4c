#include "clirun.h"

#include "clirender.h"
#include "clisignal.h"
#include "exporter.h"
#include "summarypanel.h"
#include "tracemodel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <utility>

namespace proclab {

namespace {
// How long a run stopped by a signal may take to end and be read (the stop
// grace is 1 s); past it proclab-run ends without writing files.
constexpr int kSignalStopBoundMs = 15'000;

void err(const QString &s)
{
    std::fprintf(stderr, "proclab-run: %s\n", qPrintable(s));
}

// This process's peak resident memory (VmHWM), in KiB; 0 if unknown.
qint64 peakRssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return 0;
}

// How long MainProcess lived (its lane's first event to its exit), ms; -1 if unknown.
double mainLifetimeMs(const TraceModel &model)
{
    if (model.rowCount() == 0 || !model.lane(0).isMain)
        return -1;
    const Lane &main = model.lane(0);
    const store::TrackView &v = main.tracks.notable;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const store::Row r = v.row(i);
        if (r.kind == EventKind::Exit)
            return (r.t - main.firstTs) / 1000.0;
    }
    return -1;
}
} // namespace

CliRun::CliRun(const CliOptions &options, QObject *parent)
    : QObject(parent), m_options(options), m_model(new TraceModel(this)),
      m_session(new LabSession(m_model, this))
{
    connect(m_session, &LabSession::finished, this, &CliRun::onFinished);
    m_session->setEventTracing(options.eventTracing);
}

bool CliRun::start()
{
    QStringList errors;
    bool started = false;
    if (!m_options.pythonFile.isEmpty()) {
        PythonRun run;
        run.program = m_options.pythonFile;
        run.args = m_options.programArgs;
        run.interpreter = m_options.interpreter;
        run.workDir = QDir::currentPath(); // as `python3 FILE` would run it from here
        started = m_session->startPython(run, &errors, m_options.timeoutSeconds);
    } else if (m_options.pythonEngine) {
        QJsonObject params;
        if (LabSession::resolveLab(m_options.lab, m_options.assignments, &params, &errors)) {
            PythonRun run = PythonRun::forLab(m_options.lab, params);
            run.interpreter = m_options.interpreter;
            if (run.programText.isEmpty())
                errors << QCoreApplication::translate("CliRun", "lab %1 has no Python program")
                              .arg(m_options.lab);
            else
                started = m_session->startPython(run, &errors, m_options.timeoutSeconds);
        }
    } else {
        started = m_session->start(m_options.lab, m_options.assignments, &errors,
                                   m_options.timeoutSeconds);
    }
    if (!started) {
        for (const QString &e : errors)
            err(e);
        m_exitCode = 2;
        return false;
    }
    return true;
}

bool CliRun::stopBySignal(int signal)
{
    if (!m_session->isRunning() || m_signal != 0)
        return false;
    m_signal = signal;
    m_session->stop();
    // The session ends within its stop grace (1 s, then the runner is
    // killed) and the drain's last read; past this bound we end without files.
    m_signalBound = new QTimer(this);
    m_signalBound->setSingleShot(true);
    connect(m_signalBound, &QTimer::timeout, this, [this] { endStoppedBySignal(false); });
    m_signalBound->start(kSignalStopBoundMs);
    return true;
}

void CliRun::endStoppedBySignal(bool runEnded)
{
    if (m_signalBound)
        m_signalBound->stop();
    if (std::exchange(m_signalEnded, true))
        return;
    QStringList written; // what could be written (writeFiles() reports the rest)
    if (runEnded) {
        writeFiles(&written);
        printSummary();
    }
    const QString sig = cliSignalName(m_signal);
    if (!runEnded)
        err(QCoreApplication::translate("CliRun", "%1: stopped by %2; the run did not end within "
                                                  "%3 s, nothing written")
                .arg(runName(), sig)
                .arg(kSignalStopBoundMs / 1000));
    else if (written.isEmpty())
        err(QCoreApplication::translate("CliRun", "%1: stopped by %2; nothing written")
                .arg(runName(), sig));
    else
        err(QCoreApplication::translate("CliRun", "%1: stopped by %2; the partial run written "
                                                  "to %3")
                .arg(runName(), sig, written.join(QStringLiteral(", "))));
    m_exitCode = 128 + m_signal;
    Q_EMIT done(m_exitCode);
}

void CliRun::onFinished(LabSession::State state)
{
    if (m_signal != 0) {
        endStoppedBySignal(true);
        return;
    }
    const bool filesOk = writeFiles();
    printSummary();
    m_exitCode = state == LabSession::State::Finished && filesOk ? 0 : 3;
    if (state != LabSession::State::Finished)
        err(QStringLiteral("%1: %2").arg(runName(), m_session->message()));
    Q_EMIT done(m_exitCode);
}

bool CliRun::writeFiles(QStringList *written)
{
    bool ok = true;
    QString error;
    const auto done = [&](bool fine, const QStringList &paths) {
        if (!fine) {
            err(error);
            ok = false;
        } else if (written) {
            for (const QString &path : paths)
                if (!path.isEmpty())
                    *written << path;
        }
    };
    if (!m_options.tracePath.isEmpty())
        done(Exporter::writeTrace(*m_model, m_options.tracePath, &error), {m_options.tracePath});
    if (!m_options.csvPath.isEmpty())
        done(Exporter::writeCsv(*m_model, m_options.csvPath, &error), {m_options.csvPath});
    if (m_options.wantsImage())
        done(CliRender::writeImages(*m_model, m_options, &error),
             {m_options.pngPath, m_options.svgPath});
    return ok;
}

QString CliRun::runName() const
{
    if (!m_options.pythonFile.isEmpty())
        return m_options.pythonFile;
    return m_options.pythonEngine ? m_options.lab + QStringLiteral(" (Python)") : m_options.lab;
}

void CliRun::printSummary() const
{
    const QString status =
        m_model->runStatus().isEmpty() ? QStringLiteral("crashed") : m_model->runStatus();
    if (m_options.json) {
        QJsonObject o{{QStringLiteral("lab"), m_model->labId()},
                      {QStringLiteral("status"), status},
                      {QStringLiteral("processes"), m_model->rowCount()},
                      {QStringLiteral("params"), m_model->params()},
                      {QStringLiteral("summary"), m_model->summary()},
                      {QStringLiteral("events"), qint64(m_model->eventCount())},
                      {QStringLiteral("main_ms"), mainLifetimeMs(*m_model)},
                      {QStringLiteral("host_peak_rss_kb"), peakRssKb()}};
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        return;
    }
    std::printf("%s\n",
                qPrintable(QCoreApplication::translate("CliRun", "lab %1: %2, %n process(es), %3 s",
                                                       nullptr, m_model->rowCount())
                               .arg(runName(), status)
                               .arg(m_model->endTime() / 1e6, 0, 'f', 2)));
    const QJsonObject s = m_model->summary();
    for (auto it = s.begin(); it != s.end(); ++it)
        std::printf("  %-34s %s\n", qPrintable(it.key()),
                    qPrintable(SummaryPanel::formatValue(it.value())));
}

} // namespace proclab
