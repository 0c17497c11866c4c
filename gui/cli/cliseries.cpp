#include "cliseries.h"

#include "distributionpanel.h"
#include "exporter.h"
#include "outcomehistogram.h"
#include "viewrenderer.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <cstdio>

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
} // namespace

CliSeries::CliSeries(const CliOptions &options, QObject *parent)
    : QObject(parent), m_options(options), m_runner(new SeriesRunner(this))
{
    connect(m_runner, &SeriesRunner::runFinished, this, &CliSeries::onRunFinished);
    connect(m_runner, &SeriesRunner::finished, this, &CliSeries::onFinished);
}

bool CliSeries::start()
{
    SeriesRequest request;
    request.run.labId = m_options.lab;
    request.run.assignments = m_options.assignments;
    request.run.timeoutSeconds = m_options.timeoutSeconds;
    request.count = m_options.repeat;
    request.keepTraces = false;
    QStringList errors;
    if (!m_runner->start(request, &errors)) {
        for (const QString &e : errors)
            err(e);
        m_exitCode = 2;
        return false;
    }
    return true;
}

void CliSeries::onRunFinished(int number)
{
    if (m_options.json)
        return; // the distribution alone, at the end
    const OutcomeSeries &series = m_runner->series();
    const SeriesRun &run = series.runs[number - 1];
    const QString key = OutcomeSeries::keyOutcome(series.labId);
    const auto value = run.value(key);
    std::printf("%s\n", qPrintable(QCoreApplication::translate(
                                       "CliSeries", "run %1/%2: %3, %4 %5, %6 ms")
                                       .arg(number)
                                       .arg(series.planned)
                                       .arg(run.status, key,
                                            value ? ::proclab::number(*value) : QStringLiteral("-"),
                                            QString::number(run.runMs, 'f', 0))));
    std::fflush(stdout);
}

void CliSeries::onFinished()
{
    const OutcomeSeries &series = m_runner->series();
    const bool filesOk = writeFiles();
    printDistribution();
    const bool allFinished = series.completed() == series.planned;
    if (!allFinished)
        err(QCoreApplication::translate("CliSeries", "%1: %2 of %3 runs finished%4")
                .arg(m_options.lab)
                .arg(series.completed())
                .arg(series.planned)
                .arg(m_runner->lastMessage().isEmpty()
                         ? QString()
                         : QStringLiteral(" (") + m_runner->lastMessage() + QLatin1Char(')')));
    m_exitCode = allFinished && filesOk ? 0 : 3;
    Q_EMIT done(m_exitCode);
}

bool CliSeries::writeFiles()
{
    const OutcomeSeries &series = m_runner->series();
    bool ok = true;
    QString error;
    if (!m_options.csvPath.isEmpty() &&
        !Exporter::writeFile(m_options.csvPath, OutcomeSeries::toCsv({&series}), &error)) {
        err(error);
        ok = false;
    }
    if (m_options.wantsImage()) {
        OutcomeHistogram chart;
        chart.setAttribute(Qt::WA_DontShowOnScreen);
        DistributionPanel::showInChart(&chart, {&series},
                                       OutcomeSeries::keyOutcome(series.labId));
        ViewRenderer::prepareOffscreen(chart, m_options.pngSize);
        if (!m_options.pngPath.isEmpty() &&
            !Exporter::writeImage(chart, m_options.pngPath, ImageFormat::Png, m_options.scale,
                                  m_options.pngSize, &error)) {
            err(error);
            ok = false;
        }
        if (!m_options.svgPath.isEmpty() &&
            !Exporter::writeImage(chart, m_options.svgPath, ImageFormat::Svg, 1,
                                  m_options.pngSize, &error)) {
            err(error);
            ok = false;
        }
    }
    return ok;
}

void CliSeries::printDistribution() const
{
    const OutcomeSeries &series = m_runner->series();
    if (m_options.json) {
        std::printf("%s\n", QJsonDocument(series.toJson()).toJson(QJsonDocument::Compact).constData());
        return;
    }
    std::printf("%s\n", qPrintable(QCoreApplication::translate(
                                       "CliSeries", "lab %1: %2 of %3 runs finished")
                                       .arg(series.labId)
                                       .arg(series.completed())
                                       .arg(series.planned)));
    std::printf("  %-34s %12s %12s %12s\n", "",
                qPrintable(QCoreApplication::translate("CliSeries", "min")),
                qPrintable(QCoreApplication::translate("CliSeries", "median")),
                qPrintable(QCoreApplication::translate("CliSeries", "max")));
    const QString key = OutcomeSeries::keyOutcome(series.labId);
    QStringList keys{key};
    if (key != QLatin1String(OutcomeSeries::kRunMs))
        keys << QString::fromLatin1(OutcomeSeries::kRunMs);
    for (const QString &k : keys) {
        const OutcomeStats s = series.stats(k);
        const QString name =
            k == key ? QCoreApplication::translate("CliSeries", "%1 (key outcome)").arg(k) : k;
        if (s.count == 0) {
            std::printf("  %-34s %12s\n", qPrintable(name),
                        qPrintable(QCoreApplication::translate("CliSeries", "(no run reported it)")));
            continue;
        }
        std::printf("  %-34s %12s %12s %12s\n", qPrintable(name), qPrintable(number(s.min)),
                    qPrintable(number(s.median)), qPrintable(number(s.max)));
    }
}

} // namespace proclab
