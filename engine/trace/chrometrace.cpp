#include "chrometrace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace proclab {

namespace {

const QString kGenerator = QStringLiteral("proclab");

QJsonObject base(const char *ph, const QString &name, qint64 pid, double ts)
{
    QJsonObject o{{QStringLiteral("ph"), QString::fromLatin1(ph)},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("pid"), pid},
                  {QStringLiteral("tid"), pid}};
    if (*ph != 'M') // every other event needs ts, negative ones included
        o.insert(QStringLiteral("ts"), ts);
    return o;
}

// Deepest array/object nesting, counted on the raw bytes (before parsing, so a
// 100000-deep document is refused instead of recursed into).
int nestingDepth(const QByteArray &json)
{
    int depth = 0, deepest = 0;
    bool inString = false, escaped = false;
    for (char c : json) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '[' || c == '{')
            deepest = std::max(deepest, ++depth);
        else if (c == ']' || c == '}')
            --depth;
    }
    return deepest;
}

} // namespace

QByteArray ChromeTrace::write(const TraceModel &model)
{
    QJsonArray events;
    const double end = model.now();
    for (int row = 0; row < model.rowCount(); ++row) {
        const Lane &l = model.lane(row);
        QJsonObject name = base("M", ev::ProcessName, l.pid, -1);
        name.insert(QStringLiteral("args"), QJsonObject{{QStringLiteral("name"), l.name},
                                                        {QStringLiteral("ppid"), l.ppid},
                                                        {QStringLiteral("main"), l.isMain},
                                                        {QStringLiteral("daemon"), l.daemon},
                                                        {QStringLiteral("spawned"), l.spawned}});
        events.append(name);
        QJsonObject sort = base("M", ev::SortIndex, l.pid, -1);
        sort.insert(QStringLiteral("args"), QJsonObject{{QStringLiteral("sort_index"), row}});
        events.append(sort);

        for (const Interval &iv : l.intervals) {
            QJsonObject x = base("X", iv.name, l.pid, iv.t0);
            x.insert(QStringLiteral("dur"), std::max(0.0, iv.endOr(end) - iv.t0));
            if (!iv.args.isEmpty())
                x.insert(QStringLiteral("args"), iv.args);
            events.append(x);
        }
        for (const TraceEvent &e : l.events) {
            if (e.ph == TraceEvent::Instant) {
                QJsonObject i = base("i", e.name, l.pid, e.ts);
                i.insert(QStringLiteral("s"), QStringLiteral("p"));
                if (!e.args.isEmpty())
                    i.insert(QStringLiteral("args"), e.args);
                events.append(i);
            } else if (e.ph == TraceEvent::Counter) {
                QJsonObject c = base("C", e.name, l.pid, e.ts);
                c.insert(QStringLiteral("args"), e.args);
                events.append(c);
            } else if (e.ph == TraceEvent::FlowStart || e.ph == TraceEvent::FlowEnd) {
                const bool start = e.ph == TraceEvent::FlowStart;
                QJsonObject f = base(start ? "s" : "f", e.name, l.pid, e.ts);
                f.insert(QStringLiteral("id"), e.id);
                f.insert(QStringLiteral("cat"), e.name);
                if (!start)
                    f.insert(QStringLiteral("bp"), QStringLiteral("e"));
                events.append(f);
            }
        }
    }
    QJsonObject other{{QStringLiteral("generator"),
                       kGenerator + QLatin1Char(' ') + QStringLiteral(PROCLAB_VERSION)},
                      {QStringLiteral("lab"), model.labId()},
                      {QStringLiteral("params"), model.params()},
                      {QStringLiteral("summary"), model.summary()},
                      {QStringLiteral("status"), model.runStatus()}};
    QJsonObject doc{{QStringLiteral("traceEvents"), events},
                    {QStringLiteral("displayTimeUnit"), QStringLiteral("ms")},
                    {QStringLiteral("otherData"), other}};
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

bool ChromeTrace::readFile(const QString &path, TraceModel *model, QString *error)
{
    model->clear();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QObject::tr("Cannot open %1: %2").arg(path, f.errorString());
        return false;
    }
    if (f.size() > kMaxFileBytes) {
        *error = QObject::tr("%1 is %2 MB; ProcLab opens traces of at most %3 MB")
                     .arg(QFileInfo(path).fileName())
                     .arg((f.size() + 1024 * 1024 - 1) / (1024 * 1024)) // rounded up
                     .arg(kMaxFileBytes / (1024 * 1024));
        return false;
    }
    return read(f.readAll(), model, error);
}

bool ChromeTrace::read(const QByteArray &json, TraceModel *model, QString *error)
{
    model->clear();
    auto fail = [&](const QString &msg) {
        model->clear();
        *error = msg;
        return false;
    };
    if (json.size() > kMaxFileBytes)
        return fail(QObject::tr("The trace is larger than %1 MB").arg(kMaxFileBytes >> 20));
    if (nestingDepth(json) > kMaxNesting)
        return fail(QObject::tr("The trace nests deeper than %1 levels: not a ProcLab trace")
                        .arg(kMaxNesting));
    QJsonParseError perr{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError)
        return fail(QObject::tr("The trace is not valid JSON (%1 at byte %2)")
                        .arg(perr.errorString())
                        .arg(perr.offset));
    if (!doc.isObject())
        return fail(QObject::tr("The trace must be a JSON object with traceEvents"));
    const QJsonObject root = doc.object();
    const QJsonObject other = root.value(QStringLiteral("otherData")).toObject();
    if (!other.value(QStringLiteral("generator")).toString().startsWith(kGenerator))
        return fail(QObject::tr("Not a ProcLab trace: otherData.generator does not name "
                                "proclab (ProcLab opens only traces it exported)"));
    const QJsonValue eventsValue = root.value(QStringLiteral("traceEvents"));
    if (!eventsValue.isArray())
        return fail(QObject::tr("traceEvents must be an array"));
    const QJsonArray array = eventsValue.toArray();
    if (array.size() > kMaxEvents)
        return fail(QObject::tr("The trace holds %1 events; at most %2 are opened")
                        .arg(array.size())
                        .arg(kMaxEvents));

    TraceEvents events;
    events.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        const QString ph = o.value(QStringLiteral("ph")).toString();
        const QJsonValue pidValue = o.value(QStringLiteral("pid"));
        const QJsonValue tsValue = o.value(QStringLiteral("ts"));
        const QString name = o.value(QStringLiteral("name")).toString();
        if (ph.size() != 1 || !pidValue.isDouble() || name.isEmpty())
            return fail(QObject::tr("traceEvents[%1]: needs ph, name and a numeric pid").arg(i));
        if (ph != QLatin1String("M") && !tsValue.isDouble())
            return fail(QObject::tr("traceEvents[%1] (%2): ts must be a number").arg(i).arg(name));
        const qint64 pid = pidValue.toInteger();
        const double ts = tsValue.toDouble();
        const QJsonObject args = o.value(QStringLiteral("args")).toObject();
        switch (ph.at(0).toLatin1()) {
        case 'M':
            if (name == ev::ProcessName)
                events.push_back({0, pid, TraceEvent::Meta, name, args, 0});
            break;
        case 'X': {
            const double dur = o.value(QStringLiteral("dur")).toDouble(-1);
            if (!(dur >= 0))
                return fail(QObject::tr("traceEvents[%1] (%2): dur must be a number >= 0")
                                .arg(i)
                                .arg(name));
            events.push_back({ts, pid, TraceEvent::Complete, name, args, 0, dur});
            break;
        }
        case 'i':
            events.push_back({ts, pid, TraceEvent::Instant, name, args, 0});
            break;
        case 'C':
            events.push_back({ts, pid, TraceEvent::Counter, name, args, 0});
            break;
        case 's':
        case 'f':
            events.push_back(
                {ts,
                 pid,
                 ph == QLatin1String("s") ? TraceEvent::FlowStart : TraceEvent::FlowEnd,
                 name,
                 {},
                 o.value(QStringLiteral("id")).toInteger()});
            break;
        default:
            break; // other phases are not ProcLab's; ignore them
        }
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const TraceEvent &a, const TraceEvent &b) { return a.ts < b.ts; });
    model->setRunInfo(other.value(QStringLiteral("lab")).toString(),
                      other.value(QStringLiteral("params")).toObject());
    model->append(events);
    model->setSummary(other.value(QStringLiteral("summary")).toObject());
    model->setRunStatus(other.value(QStringLiteral("status")).toString());
    return true;
}

} // namespace proclab
