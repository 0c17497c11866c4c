#include "csvtrace.h"

#include "laneevents.h"

#include <QBuffer>
#include <QJsonDocument>
#include <memory>
#include <queue>
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

bool CsvTrace::write(const TraceModel &model, QIODevice *out, QString *error,
                     const std::function<bool(qint64, qint64)> &progress)
{
    QByteArray buf = columns().join(QLatin1Char(',')).toUtf8() + "\r\n";
    auto flush = [&] {
        if (out->write(buf) != buf.size()) {
            *error = out->errorString();
            return false;
        }
        buf.clear();
        return true;
    };
    // Time order across lanes; at equal times, lane order then event order.
    struct Head
    {
        double t;
        int lane;
        bool operator>(const Head &o) const { return t != o.t ? t > o.t : lane > o.lane; }
    };
    const StoreSnapshot &snap = model.snapshot();
    std::vector<std::unique_ptr<LaneEvents>> lanes;
    std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heap;
    for (int r = 0; r < model.rowCount(); ++r) {
        lanes.push_back(std::make_unique<LaneEvents>(model.lane(r), snap.flows));
        if (!lanes.back()->atEnd())
            heap.push({lanes.back()->peekTime(), r});
    }
    qint64 rows = 0;
    TraceEvent e;
    while (!heap.empty()) {
        const Head h = heap.top();
        heap.pop();
        LaneEvents &src = *lanes[std::size_t(h.lane)];
        src.next(&e);
        if (!src.atEnd())
            heap.push({src.peekTime(), h.lane});
        const Lane &lane = model.lane(h.lane);
        QJsonObject details = e.args;
        if (e.ph == TraceEvent::FlowStart || e.ph == TraceEvent::FlowEnd)
            details.insert(QStringLiteral("id"), e.id);
        const QString detailText =
            details.isEmpty()
                ? QString()
                : QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
        const QStringList fields{ms(e.ts),
                                 QString::number(lane.pid),
                                 field(lane.name),
                                 field(e.name),
                                 phaseName(e.ph),
                                 e.ph == TraceEvent::Complete ? ms(std::max(0.0, e.dur))
                                                              : QString(),
                                 field(detailText)};
        buf += fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
        if (buf.size() > (1 << 20) && !flush())
            return false;
        if (progress && (++rows & 0xffff) == 0 && !progress(rows, model.eventCount())) {
            *error = QObject::tr("cancelled");
            return false;
        }
    }
    return flush();
}

QByteArray CsvTrace::write(const TraceModel &model)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString error;
    write(model, &buffer, &error);
    return bytes;
}

} // namespace proclab
