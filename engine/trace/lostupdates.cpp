#include "lostupdates.h"

#include "tracemodel.h"

#include <QCoreApplication>
#include <QHash>
#include <algorithm>

namespace proclab {

namespace {

struct WriteInfo
{
    qint64 pid = 0;
    double ts = 0;
    int value = 0;
    qint64 basedOn = -1; // version its process last read; -1: no read seen
    double readTs = 0;
    int readValue = 0;
};

} // namespace

QVector<LostUpdate> LostUpdates::find(const TraceModel &model)
{
    // object -> version -> the write that produced it
    QHash<QString, QHash<qint64, WriteInfo>> writes;
    for (int row = 0; row < model.rowCount(); ++row) {
        const Lane &lane = model.lane(row);
        struct LastRead
        {
            qint64 version;
            double ts;
            int value;
        };
        QHash<QString, LastRead> lastRead; // per object, in this process's program order
        for (const Marker &m : lane.markers) {
            if (m.name != ev::Read && m.name != ev::Write)
                continue;
            const QString object = m.args.value(QStringLiteral("object")).toString();
            const qint64 version = m.args.value(QStringLiteral("version")).toInteger();
            const int value = m.args.value(QStringLiteral("value")).toInt();
            if (m.name == ev::Read) {
                lastRead.insert(object, {version, m.t, value});
                continue;
            }
            if (version <= 0)
                continue; // an unversioned object (a file): nothing to analyse
            WriteInfo w{lane.pid, m.t, value, -1, 0, 0};
            if (auto it = lastRead.constFind(object); it != lastRead.constEnd()) {
                w.basedOn = it->version;
                w.readTs = it->ts;
                w.readValue = it->value;
            }
            writes[object].insert(version, w);
        }
    }

    QVector<LostUpdate> found;
    for (auto obj = writes.cbegin(); obj != writes.cend(); ++obj) {
        const QHash<qint64, WriteInfo> &byVersion = obj.value();
        qint64 k = 0;
        for (auto it = byVersion.cbegin(); it != byVersion.cend(); ++it)
            k = std::max(k, it.key());
        QVector<LostUpdate> forObject;
        while (k > 0) {
            const auto wk = byVersion.constFind(k);
            if (wk == byVersion.constEnd())
                break; // a gap (trace cut short): stop rather than guess
            // A blind write (no read before it) is based on the version just before.
            const qint64 r = wk->basedOn < 0 ? k - 1 : std::min(wk->basedOn, k - 1);
            for (qint64 j = k - 1; j > r; --j) {
                const WriteInfo &lost = byVersion.value(j);
                forObject.push_back({obj.key(), lost.pid, lost.ts, lost.value, wk->pid, wk->ts,
                                     wk->value, wk->readTs, wk->readValue});
            }
            k = r;
        }
        std::reverse(forObject.begin(), forObject.end());
        found += forObject;
    }
    std::stable_sort(found.begin(), found.end(), [](const LostUpdate &a, const LostUpdate &b) {
        return a.overwriterTs < b.overwriterTs;
    });
    return found;
}

TraceEvents LostUpdates::toEvents(const QVector<LostUpdate> &found, const TraceModel &model)
{
    TraceEvents out;
    out.reserve(found.size());
    // Thousands of these in a race: fill a prepared object, keys built once.
    static const QJsonObject shape{
        {QStringLiteral("object"), QString()},      {QStringLiteral("lost_write_pid"), 0},
        {QStringLiteral("lost_writer"), QString()}, {QStringLiteral("lost_write_ts"), 0.0},
        {QStringLiteral("lost_value"), 0},          {QStringLiteral("read_ts"), 0.0},
        {QStringLiteral("read_value"), 0},          {QStringLiteral("value"), 0}};
    for (const LostUpdate &u : found) {
        QJsonObject a = shape;
        a[QLatin1String("object")] = u.object;
        a[QLatin1String("lost_write_pid")] = u.lostPid;
        a[QLatin1String("lost_writer")] = model.laneName(u.lostPid);
        a[QLatin1String("lost_write_ts")] = u.lostTs;
        a[QLatin1String("lost_value")] = u.lostValue;
        a[QLatin1String("read_ts")] = u.readTs;
        a[QLatin1String("read_value")] = u.readValue;
        a[QLatin1String("value")] = u.overwriterValue;
        out.push_back(
            TraceEvent{u.overwriterTs, u.overwriterPid, TraceEvent::Instant, ev::LostUpdate, a, 0});
    }
    return out;
}

QString LostUpdates::story(const LostUpdate &u, const TraceModel &model)
{
    const QString w = model.laneName(u.overwriterPid);
    const QString l = model.laneName(u.lostPid);
    return QCoreApplication::translate("Race",
                                       "%1 read %2, %3 wrote %4, %1 wrote %5: %3's update is lost")
        .arg(w)
        .arg(u.readValue)
        .arg(l)
        .arg(u.lostValue)
        .arg(u.overwriterValue);
}

} // namespace proclab

namespace proclab {

LostUpdate LostUpdates::fromMarker(qint64 pid, const Marker &m)
{
    const QJsonObject &a = m.args;
    LostUpdate u;
    u.object = a.value(QStringLiteral("object")).toString();
    u.lostPid = a.value(QStringLiteral("lost_write_pid")).toInteger();
    u.lostTs = a.value(QStringLiteral("lost_write_ts")).toDouble();
    u.lostValue = a.value(QStringLiteral("lost_value")).toInt();
    u.overwriterPid = pid;
    u.overwriterTs = m.t;
    u.overwriterValue = a.value(QStringLiteral("value")).toInt();
    u.readTs = a.value(QStringLiteral("read_ts")).toDouble();
    u.readValue = a.value(QStringLiteral("read_value")).toInt();
    return u;
}

} // namespace proclab
