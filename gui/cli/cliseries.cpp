#include "cliseries.h"

#include "clisignal.h"
#include "distributionpanel.h"
#include "exporter.h"
#include "outcomehistogram.h"
#include "viewrenderer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <utility>

namespace proclab {

namespace {
void err(const QString &s)
{
    std::fprintf(stderr, "proclab-run: %s\n", qPrintable(s));
}

QString number(double v)
{
    return QString::number(v, 'f', v == qint64(v) ? 0 : 2);
}

// How long the run stopped by a signal may take to end (the stop grace is
// 1 s, then the runner is killed); past it the completed runs are written
// without waiting for it.
constexpr int kSignalStopBoundMs = 15'000;
} // namespace

CliSeries::CliSeries(const CliOptions &options, QObject *parent)
    : QObject(parent), m_options(options)
{
    SeriesRequest request;
    request.run.labId = m_options.lab;
    request.run.assignments = m_options.assignments;
    request.run.timeoutSeconds = m_options.timeoutSeconds;
    request.run.interpreter = m_options.interpreter;
    request.count = m_options.repeat;
    request.keepTraces = false;
    const auto python = [](QObject *parent) -> RunEngine * { return new PythonLabEngine(parent); };
    if (m_options.pythonEngine) {
        request.name = QStringLiteral("CPython");
        request.engine = python;
        m_requests << request;
    } else if (m_options.compare) {
        request.name = QStringLiteral("C++");
        m_requests << request;
        request.name = QStringLiteral("CPython");
        request.engine = python;
        m_requests << request;
    } else {
        m_requests << request;
    }
    for (int i = 0; i < m_requests.size(); ++i) {
        auto *runner = new SeriesRunner(this);
        connect(runner, &SeriesRunner::runFinished, this, &CliSeries::onRunFinished);
        connect(runner, &SeriesRunner::finished, this, &CliSeries::onSeriesFinished);
        m_runners << runner;
    }
}

bool CliSeries::start()
{
    QStringList errors;
    if (!startSeries(0, &errors)) {
        for (const QString &e : errors)
            err(e);
        m_exitCode = 2;
        return false;
    }
    return true;
}

bool CliSeries::startSeries(int index, QStringList *errors)
{
    m_current = index;
    return m_runners[index]->start(m_requests[index], errors);
}

QList<const OutcomeSeries *> CliSeries::allSeries() const
{
    QList<const OutcomeSeries *> out;
    for (int i = 0; i < m_runners.size(); ++i) {
        const OutcomeSeries &s = m_runners[i]->series();
        if (m_signal != 0 && i == m_current && m_stoppedSeries)
            out << &*m_stoppedSeries; // without the run the signal stopped
        else if (!s.labId.isEmpty())
            out << &s;
    }
    return out;
}

bool CliSeries::stopBySignal(int signal)
{
    if (m_signal != 0 || m_ended)
        return false;
    m_signal = signal;
    SeriesRunner *runner = m_runners[m_current];
    m_runsDone = runner->series().runs.size();
    if (!runner->isRunning()) { // between two engines' series
        finishBySignal();
        return true;
    }
    m_signalBound = new QTimer(this);
    m_signalBound->setSingleShot(true);
    connect(m_signalBound, &QTimer::timeout, this, &CliSeries::finishBySignal);
    m_signalBound->start(kSignalStopBoundMs);
    runner->stop(); // finished() follows: onSeriesFinished()
    return true;
}

void CliSeries::finishBySignal()
{
    if (std::exchange(m_ended, true))
        return;
    if (m_signalBound)
        m_signalBound->stop();
    OutcomeSeries kept = m_runners[m_current]->series();
    if (!kept.labId.isEmpty()) {
        kept.runs.resize(std::min(kept.runs.size(), m_runsDone));
        m_stoppedSeries = kept;
    }
    int completed = 0;
    for (const OutcomeSeries *s : allSeries())
        completed += int(s->runs.size());
    QStringList written;
    if (completed > 0) {
        writeFiles(&written);
        printDistribution();
    }
    const QString what =
        m_options.lab + (m_requests.size() == 1 && !m_requests[0].name.isEmpty()
                             ? QStringLiteral(" (") + m_requests[0].name + QLatin1Char(')')
                             : QString());
    const QString stopped = QCoreApplication::translate("CliSeries", "%1: stopped by %2 after %n run(s)",
                                                        nullptr, completed)
                                .arg(what, cliSignalName(m_signal));
    if (written.isEmpty())
        err(QCoreApplication::translate("CliSeries", "%1; nothing written").arg(stopped));
    else
        err(QCoreApplication::translate("CliSeries", "%1; their distribution written to %2")
                .arg(stopped, written.join(QStringLiteral(", "))));
    m_exitCode = 128 + m_signal;
    Q_EMIT done(m_exitCode);
}

void CliSeries::onRunFinished(int number)
{
    if (m_options.json || m_signal != 0)
        return; // the distribution alone, at the end; the stopped run not at all
    const OutcomeSeries &series = m_runners[m_current]->series();
    const SeriesRun &run = series.runs[number - 1];
    const QString key = OutcomeSeries::keyOutcome(series.labId);
    const auto value = run.value(key);
    const QString prefix = series.name.isEmpty() ? QString() : series.name + QLatin1Char(' ');
    std::printf("%s%s\n", qPrintable(prefix),
                qPrintable(QCoreApplication::translate("CliSeries", "run %1/%2: %3, %4 %5, %6 ms")
                               .arg(number)
                               .arg(series.planned)
                               .arg(run.status, key,
                                    value ? ::proclab::number(*value) : QStringLiteral("-"),
                                    QString::number(run.runMs, 'f', 0))));
    std::fflush(stdout);
}

void CliSeries::onSeriesFinished()
{
    if (m_signal != 0) {
        finishBySignal();
        return;
    }
    const SeriesRunner *runner = m_runners[m_current];
    const OutcomeSeries &series = runner->series();
    if (series.completed() < series.planned)
        err(QCoreApplication::translate("CliSeries", "%1: %2 of %3 runs finished%4")
                .arg(series.name.isEmpty() ? m_options.lab
                                           : m_options.lab + QLatin1Char(' ') + series.name)
                .arg(series.completed())
                .arg(series.planned)
                .arg(runner->lastMessage().isEmpty()
                         ? QString()
                         : QStringLiteral(" (") + runner->lastMessage() + QLatin1Char(')')));
    if (m_current + 1 < m_runners.size()) {
        // The next engine's series, once this one's signal has returned.
        QTimer::singleShot(0, this, [this] {
            if (m_ended) // a signal came in between
                return;
            QStringList errors;
            if (!startSeries(m_current + 1, &errors)) {
                for (const QString &e : errors)
                    err(e);
                finish();
            }
        });
        return;
    }
    finish();
}

void CliSeries::finish()
{
    const bool filesOk = writeFiles();
    printDistribution();
    bool allFinished = true;
    for (const SeriesRunner *r : m_runners)
        allFinished = allFinished && r->series().completed() == m_options.repeat;
    m_exitCode = allFinished && filesOk ? 0 : 3;
    Q_EMIT done(m_exitCode);
}

bool CliSeries::writeFiles(QStringList *written)
{
    const QList<const OutcomeSeries *> series = allSeries();
    bool ok = true;
    QString error;
    const auto wrote = [&](const QString &path) {
        if (written)
            *written << path;
    };
    if (!m_options.csvPath.isEmpty()) {
        if (Exporter::writeFile(m_options.csvPath, OutcomeSeries::toCsv(series), &error)) {
            wrote(m_options.csvPath);
        } else {
            err(error);
            ok = false;
        }
    }
    if (m_options.wantsImage() && !series.isEmpty()) {
        OutcomeHistogram chart;
        chart.setAttribute(Qt::WA_DontShowOnScreen);
        DistributionPanel::showInChart(&chart, series,
                                       OutcomeSeries::keyOutcome(m_options.lab));
        ViewRenderer::prepareOffscreen(chart, m_options.pngSize);
        if (!m_options.pngPath.isEmpty()) {
            if (Exporter::writeImage(chart, m_options.pngPath, ImageFormat::Png, m_options.scale,
                                     m_options.pngSize, &error)) {
                wrote(m_options.pngPath);
            } else {
                err(error);
                ok = false;
            }
        }
        if (!m_options.svgPath.isEmpty()) {
            if (Exporter::writeImage(chart, m_options.svgPath, ImageFormat::Svg, 1,
                                     m_options.pngSize, &error)) {
                wrote(m_options.svgPath);
            } else {
                err(error);
                ok = false;
            }
        }
    }
    return ok;
}

void CliSeries::printDistribution() const
{
    const QList<const OutcomeSeries *> series = allSeries();
    if (m_options.json) {
        QJsonObject out;
        if (series.size() == 1) {
            out = series.first()->toJson();
        } else {
            QJsonArray all;
            for (const OutcomeSeries *s : series)
                all.append(s->toJson());
            out = {{QStringLiteral("lab"), m_options.lab},
                   {QStringLiteral("key_outcome"), OutcomeSeries::keyOutcome(m_options.lab)},
                   {QStringLiteral("series"), all}};
        }
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        return;
    }
    const QString key = OutcomeSeries::keyOutcome(m_options.lab);
    QStringList keys{key};
    if (key != QLatin1String(OutcomeSeries::kRunMs))
        keys << QString::fromLatin1(OutcomeSeries::kRunMs);
    for (const OutcomeSeries *s : series) {
        const QString who = s->name.isEmpty() ? s->labId : s->labId + QLatin1Char(' ') + s->name;
        std::printf("%s\n", qPrintable(QCoreApplication::translate(
                                           "CliSeries", "lab %1: %2 of %3 runs finished")
                                           .arg(who)
                                           .arg(s->completed())
                                           .arg(s->planned)));
        std::printf("  %-34s %12s %12s %12s\n", "",
                    qPrintable(QCoreApplication::translate("CliSeries", "min")),
                    qPrintable(QCoreApplication::translate("CliSeries", "median")),
                    qPrintable(QCoreApplication::translate("CliSeries", "max")));
        for (const QString &k : keys) {
            const OutcomeStats st = s->stats(k);
            const QString name =
                k == key ? QCoreApplication::translate("CliSeries", "%1 (key outcome)").arg(k) : k;
            if (st.count == 0) {
                std::printf("  %-34s %12s\n", qPrintable(name),
                            qPrintable(QCoreApplication::translate("CliSeries",
                                                                   "(no run reported it)")));
                continue;
            }
            const QStringList shown = st.plain();
            std::printf("  %-34s %12s %12s %12s\n", qPrintable(name), qPrintable(shown[0]),
                        qPrintable(shown[1]), qPrintable(shown[2]));
        }
    }
}

} // namespace proclab
