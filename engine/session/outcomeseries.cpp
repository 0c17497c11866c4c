#include "outcomeseries.h"

#include "chrometrace.h"
#include "enginetext.h"
#include "labs.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace proclab {

std::optional<double> SeriesRun::value(const QString &key) const
{
    if (key == QLatin1String(OutcomeSeries::kRunMs))
        return runMs;
    const QJsonValue v = summary.value(key);
    if (v.isDouble())
        return v.toDouble();
    if (v.isBool())
        return v.toBool() ? 1.0 : 0.0;
    return std::nullopt;
}

QString OutcomeSeries::keyOutcome(const QString &labId)
{
    const LabInfo *lab = labs::find(labId.toStdString());
    if (lab && lab->outcome.key)
        return QString::fromUtf8(lab->outcome.key);
    return QString::fromLatin1(kRunMs);
}

QString OutcomeSeries::keyTitle(const QString &labId, const QString &key)
{
    if (key == QLatin1String(kRunMs))
        return QCoreApplication::translate("OutcomeSeries", "Run time (ms)");
    const LabInfo *lab = labs::find(labId.toStdString());
    if (lab && lab->outcome.key && lab->outcome.label && key == QLatin1String(lab->outcome.key))
        return engineText::lab(lab->outcome.label);
    return engineText::summaryKey(key);
}

int OutcomeSeries::completed() const
{
    int n = 0;
    for (const SeriesRun &r : runs)
        n += r.finished() ? 1 : 0;
    return n;
}

QStringList OutcomeSeries::numericKeys() const
{
    // The key outcome first (when the runs report it), then the run time,
    // then the rest.
    QStringList keys;
    const QString key = keyOutcome(labId);
    if (key != QLatin1String(kRunMs) &&
        std::any_of(runs.begin(), runs.end(), [&](const SeriesRun &r) { return r.value(key); }))
        keys << key;
    keys << QString::fromLatin1(kRunMs);
    QSet<QString> seen(keys.begin(), keys.end());
    for (const SeriesRun &r : runs) {
        // QJsonObject iterates by key; the lab's order is not kept in it.
        for (auto it = r.summary.begin(); it != r.summary.end(); ++it) {
            if ((it->isDouble() || it->isBool()) && !seen.contains(it.key())) {
                seen.insert(it.key());
                keys << it.key();
            }
        }
    }
    return keys;
}

QVector<double> OutcomeSeries::values(const QString &key, QVector<int> *runIndex) const
{
    QVector<double> out;
    if (runIndex)
        runIndex->clear();
    for (int i = 0; i < runs.size(); ++i) {
        if (const auto v = runs[i].value(key)) {
            out << *v;
            if (runIndex)
                runIndex->append(i);
        }
    }
    return out;
}

bool OutcomeSeries::loadTrace(int index, TraceModel *model, QString *error) const
{
    if (index < 0 || index >= runs.size()) {
        *error = QCoreApplication::translate("OutcomeSeries", "there is no run %1").arg(index + 1);
        return false;
    }
    const SeriesRun &run = runs[index];
    if (!run.trace.isEmpty())
        return ChromeTrace::read(qUncompress(run.trace), model, error);
    if (!run.tracePath.isEmpty())
        return ChromeTrace::readFile(run.tracePath, model, error);
    if (run.traceDropped)
        *error = QCoreApplication::translate(
                     "OutcomeSeries",
                     "run %1's trace was not kept: the series' room for traces was used up")
                     .arg(run.number);
    else
        *error = QCoreApplication::translate("OutcomeSeries", "run %1's trace is not saved yet")
                     .arg(run.number);
    return false;
}

namespace {

QString csvNumber(double v)
{
    if (v == std::floor(v) && std::abs(v) < 1e15)
        return QString::number(qint64(v));
    return QString::number(v, 'g', 15);
}

QString csvText(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) &&
        !s.contains(QLatin1Char('\n')))
        return s;
    QString q = s;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QJsonObject statsJson(const OutcomeStats &s)
{
    return {{QStringLiteral("count"), s.count},
            {QStringLiteral("min"), s.min},
            {QStringLiteral("median"), s.median},
            {QStringLiteral("max"), s.max},
            {QStringLiteral("mean"), s.mean}};
}

} // namespace

QByteArray OutcomeSeries::toCsv(const QList<const OutcomeSeries *> &series)
{
    const bool named = series.size() > 1;
    QStringList keys;
    for (const OutcomeSeries *s : series)
        for (const QString &k : s->numericKeys())
            if (!keys.contains(k))
                keys << k;
    QStringList header;
    if (named)
        header << QStringLiteral("series");
    header << QStringLiteral("run") << keys << QStringLiteral("status");
    QByteArray out = header.join(QLatin1Char(',')).toUtf8() + '\n';
    for (const OutcomeSeries *s : series) {
        for (const SeriesRun &r : s->runs) {
            QStringList row;
            if (named)
                row << csvText(s->name);
            row << QString::number(r.number);
            for (const QString &k : keys) {
                const auto v = r.value(k);
                row << (v ? csvNumber(*v) : QString());
            }
            row << csvText(r.status);
            out += row.join(QLatin1Char(',')).toUtf8() + '\n';
        }
    }
    return out;
}

QJsonObject OutcomeSeries::toJson() const
{
    QJsonObject stats;
    const QStringList keys = numericKeys();
    for (const QString &k : keys)
        stats.insert(k, statsJson(this->stats(k)));
    QJsonArray rows;
    for (const SeriesRun &r : runs) {
        QJsonObject row{{QStringLiteral("run"), r.number}, {QStringLiteral("status"), r.status}};
        for (const QString &k : keys)
            if (const auto v = r.value(k))
                row.insert(k, *v);
        rows.append(row);
    }
    const QString key = keyOutcome(labId);
    return {{QStringLiteral("lab"), labId},
            {QStringLiteral("series"), name},
            {QStringLiteral("params"), params},
            {QStringLiteral("repeat"), planned},
            {QStringLiteral("runs_made"), int(runs.size())},
            {QStringLiteral("runs_finished"), completed()},
            {QStringLiteral("key_outcome"), key},
            {QStringLiteral("key_outcome_stats"), statsJson(this->stats(key))},
            {QStringLiteral("stats"), stats},
            {QStringLiteral("runs"), rows}};
}

} // namespace proclab
