#include "pythonsummary.h"

#include "tracemodel.h"
#include "translatable.h"

#include <QRegularExpression>

namespace proclab {

bool PythonSummary::parseLine(const QString &line, QString *key, QJsonValue *value)
{
    // "send_error: " (an empty string: "send_error:" once trimmed) is a value too.
    static const QRegularExpression re(
        QStringLiteral("^([a-z][a-z0-9_]{0,63}):(?: (.{0,200}))?$"));
    const auto m = re.match(line.trimmed());
    if (!m.hasMatch())
        return false;
    *key = m.captured(1);
    const QString v = m.captured(2).trimmed();
    bool ok = false;
    if (const qint64 i = v.toLongLong(&ok); ok)
        *value = i;
    else if (const double d = v.toDouble(&ok); ok)
        *value = d;
    else if (v == QLatin1String("True") || v == QLatin1String("true"))
        *value = true;
    else if (v == QLatin1String("False") || v == QLatin1String("false"))
        *value = false;
    else
        *value = v;
    return true;
}

QJsonObject PythonSummary::compute(const TraceModel &model)
{
    QJsonObject summary;
    QJsonObject fromChildren; // what only a child sees (the pipe's EOF): MainProcess's lines win
    int errors = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const Lane &lane = model.lane(row);
        // Errors and the exit are notable markers; printed lines are in the
        // bulk (read row by row, arguments only for the lines).
        double end = lane.lastTs;
        for (auto c = lane.tracks.notable.cursor(); c.valid(); c.next()) {
            const EventKind k = c.kind();
            if (k == EventKind::Error)
                ++errors;
            else if (k == EventKind::Exit)
                end = c.t();
        }
        if (lane.textLines > 0) {
            for (auto c = lane.tracks.bulk.cursor(); c.valid(); c.next()) {
                if (c.kind() != EventKind::Stdout)
                    continue;
                const QJsonObject args = lane.markerArgs(c.row());
                if (args.value(QStringLiteral("stream")).toString() == QLatin1String("stderr"))
                    continue;
                QString key;
                QJsonValue value;
                if (parseLine(args.value(QStringLiteral("text")).toString(), &key, &value))
                    (lane.isMain ? summary : fromChildren).insert(key, value);
            }
        }
        if (lane.isMain) {
            if (lane.exitcode)
                summary.insert(QLatin1String(QT_TRANSLATE_NOOP("Summary", "main_exitcode")),
                               *lane.exitcode);
            if (!summary.contains(QLatin1String("elapsed_ms")))
                summary.insert(QLatin1String(QT_TRANSLATE_NOOP("Summary", "elapsed_ms")),
                               qRound64((end - lane.firstTs) / 1000.0));
        }
    }
    for (auto it = fromChildren.begin(); it != fromChildren.end(); ++it)
        if (!summary.contains(it.key()))
            summary.insert(it.key(), it.value());
    if (!summary.contains(QLatin1String("processes")))
        summary.insert(QLatin1String(QT_TRANSLATE_NOOP("Summary", "processes")), model.rowCount());
    if (!summary.contains(QLatin1String("errors")))
        summary.insert(QLatin1String(QT_TRANSLATE_NOOP("Summary", "errors")), errors);
    return summary;
}

} // namespace proclab
