#include "csvtrace.h"

#include <QJsonDocument>
#include <algorithm>

namespace proclab {

namespace {

QString ms(double us)
{
    return QString::number(us / 1000.0, 'f', 3);
}

} // namespace

QStringList CsvTrace::columns()
{
    return {QStringLiteral("time_ms"), QStringLiteral("pid"),   QStringLiteral("process"),
            QStringLiteral("event"),   QStringLiteral("phase"), QStringLiteral("duration_ms"),
            QStringLiteral("details")};
}

QString CsvTrace::phaseName(TraceEvent::Phase ph)
{
    switch (ph) {
    case TraceEvent::Begin:
        return QStringLiteral("begin");
    case TraceEvent::End:
        return QStringLiteral("end");
    case TraceEvent::Complete:
        return QStringLiteral("interval");
    case TraceEvent::Instant:
        return QStringLiteral("instant");
    case TraceEvent::Counter:
        return QStringLiteral("counter");
    case TraceEvent::FlowStart:
        return QStringLiteral("arrow-start");
    case TraceEvent::FlowEnd:
        return QStringLiteral("arrow-end");
    case TraceEvent::Meta:
        break;
    }
    return QStringLiteral("meta");
}

QString CsvTrace::field(const QString &text)
{
    static const QString special = QStringLiteral(",\"\r\n");
    const bool quote =
        std::any_of(text.begin(), text.end(), [](QChar c) { return special.contains(c); });
    if (!quote)
        return text;
    QString out = text;
    out.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QByteArray CsvTrace::write(const TraceModel &model)
{
    struct Row
    {
        const TraceEvent *event;
        const Lane *lane;
    };
    QVector<Row> rows;
    rows.reserve(model.eventCount());
    for (int r = 0; r < model.rowCount(); ++r) {
        const Lane &lane = model.lane(r);
        for (const TraceEvent &e : lane.events)
            if (e.ph != TraceEvent::Meta)
                rows.push_back({&e, &lane});
    }
    // Time order across lanes; at equal times, lane order then event order.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row &a, const Row &b) { return a.event->ts < b.event->ts; });

    QString out = columns().join(QLatin1Char(',')) + QStringLiteral("\r\n");
    out.reserve(int(rows.size()) * 80 + out.size());
    for (const Row &row : std::as_const(rows)) {
        const TraceEvent &e = *row.event;
        QJsonObject details = e.args;
        if (e.ph == TraceEvent::FlowStart || e.ph == TraceEvent::FlowEnd)
            details.insert(QStringLiteral("id"), e.id);
        const QString detailText =
            details.isEmpty()
                ? QString()
                : QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
        const QStringList fields{ms(e.ts),
                                 QString::number(row.lane->pid),
                                 field(row.lane->name),
                                 field(e.name),
                                 phaseName(e.ph),
                                 e.ph == TraceEvent::Complete ? ms(std::max(0.0, e.dur))
                                                              : QString(),
                                 field(detailText)};
        out += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

} // namespace proclab
