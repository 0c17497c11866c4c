#include "clirun.h"

#include "clirender.h"
#include "exporter.h"
#include "summarypanel.h"
#include "tracemodel.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace proclab {

namespace {
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
    if (!m_session->start(m_options.lab, m_options.assignments, &errors,
                          m_options.timeoutSeconds)) {
        for (const QString &e : errors)
            err(e);
        m_exitCode = 2;
        return false;
    }
    return true;
}

void CliRun::onFinished(LabSession::State state)
{
    const bool filesOk = writeFiles();
    printSummary();
    m_exitCode = state == LabSession::State::Finished && filesOk ? 0 : 3;
    if (state != LabSession::State::Finished)
        err(QStringLiteral("%1: %2").arg(m_options.lab, m_session->message()));
    Q_EMIT done(m_exitCode);
}

bool CliRun::writeFiles()
{
    bool ok = true;
    QString error;
    if (!m_options.tracePath.isEmpty() &&
        !Exporter::writeTrace(*m_model, m_options.tracePath, &error)) {
        err(error);
        ok = false;
    }
    if (!m_options.csvPath.isEmpty() && !Exporter::writeCsv(*m_model, m_options.csvPath, &error)) {
        err(error);
        ok = false;
    }
    if (m_options.wantsImage() && !CliRender::writeImages(*m_model, m_options, &error)) {
        err(error);
        ok = false;
    }
    return ok;
}

void CliRun::printSummary() const
{
    const QString status =
        m_model->runStatus().isEmpty() ? QStringLiteral("crashed") : m_model->runStatus();
    if (m_options.json) {
        QJsonObject o{{QStringLiteral("lab"), m_options.lab},
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
                               .arg(m_options.lab, status)
                               .arg(m_model->endTime() / 1e6, 0, 'f', 2)));
    const QJsonObject s = m_model->summary();
    for (auto it = s.begin(); it != s.end(); ++it)
        std::printf("  %-34s %s\n", qPrintable(it.key()),
                    qPrintable(SummaryPanel::formatValue(it.value())));
}

} // namespace proclab
