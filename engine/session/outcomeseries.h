#pragma once
// What a series of runs of one lab produced: per run its number, how it
// ended, its run time, its summary and (in the GUI) its trace, kept in
// memory while small or as a JSON file in the series' own temporary
// directory, which goes when the last copy of the series does. Read by the
// distribution chart, the CLI (--repeat) and the CSV export.

#include "seriesstats.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>
#include <memory>
#include <optional>

class QTemporaryDir;

namespace proclab {

class TraceModel;

struct SeriesRun
{
    int number = 0;   // 1-based, in the order the runs were made
    QString status;   // the trace's status: finished, failed, stopped, timed-out, crashed
    double runMs = 0; // from the run's first to its last traced event
    QJsonObject summary;
    // The run's Chrome-trace JSON, qCompress'ed, or the file holding it as
    // JSON (File > Open trace reads it); both empty while it is being saved,
    // when traces are not kept (proclab-run) or there was no room left for
    // it (traceDropped).
    QByteArray trace;
    QString tracePath;
    bool traceDropped = false;

    bool finished() const { return status == QLatin1String("finished"); }
    bool hasTrace() const { return !trace.isEmpty() || !tracePath.isEmpty(); }
    // `key` from the summary (a number, or a flag as 0/1), or the run time
    // for OutcomeSeries::kRunMs.
    std::optional<double> value(const QString &key) const;
};

class OutcomeSeries
{
public:
    // The run time every series has, measured by the host from the trace.
    static constexpr const char *kRunMs = "run_ms";

    QString name; // "C++", later "CPython": tells two series in one chart apart
    QString labId;
    QJsonObject params; // the parameters every run used
    int planned = 0;    // runs asked for
    QVector<SeriesRun> runs;
    std::shared_ptr<QTemporaryDir> traceDir; // traces too large to keep in memory

    // The lab's key outcome (LabInfo::outcome), else kRunMs.
    static QString keyOutcome(const QString &labId);
    // What to call `key` of `labId` on a chart axis, in the current language.
    static QString keyTitle(const QString &labId, const QString &key);

    int completed() const; // runs that finished
    // The key outcome, kRunMs, then every other numeric summary key (by name).
    QStringList numericKeys() const;
    // `key`'s value in each run that has it; `runIndex` gets the index in
    // `runs` of each value.
    QVector<double> values(const QString &key, QVector<int> *runIndex = nullptr) const;
    OutcomeStats stats(const QString &key) const { return OutcomeStats::of(values(key)); }

    // Fills `model` with run `index`'s trace; false with `error` set when it
    // is not (yet) kept or cannot be read.
    bool loadTrace(int index, TraceModel *model, QString *error) const;

    // One row per run: run, every numeric key, status (a `series` column
    // first when there are several series).
    static QByteArray toCsv(const QList<const OutcomeSeries *> &series);
    // The distribution: lab, params, counts, the key outcome, min/median/max
    // (and mean) of every numeric key, and one object per run.
    QJsonObject toJson() const;
};

} // namespace proclab
