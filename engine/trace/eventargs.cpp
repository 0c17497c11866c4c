#include "eventargs.h"

#include "tracerecord.h"

#include <QJsonArray>
#include <QStringList>
#include <algorithm>
#include <initializer_list>

namespace proclab::eventargs {

namespace {

QString str(const char *s)
{
    return QString::fromLatin1(s);
}

// text = "object\nkey", or from a Python program "#object-id\nkey\nmethod".
QJsonObject managerArgs(qint64 op, const QString &text, const StoreContext &ctx)
{
    const QStringList parts = text.split(QLatin1Char('\n'));
    QString object = parts.value(0);
    if (object.startsWith(QLatin1Char('#'))) {
        bool ok = false;
        const qint64 id = object.mid(1).toLongLong(&ok);
        const QString name = ok ? ctx.objectName(id) : QString();
        if (!name.isEmpty())
            object = name;
    }
    const QString method =
        parts.size() > 2 ? parts.at(2) : QString::fromLatin1(managerOpName(ManagerOp(op)));
    return {{QStringLiteral("op"), method},
            {QStringLiteral("object"), object},
            {QStringLiteral("key"), parts.value(1)}};
}

QString fileModeText(qint64 bits)
{
    QString m;
    if (bits & FileAppend)
        m = QStringLiteral("a");
    else if (bits & FileCreate)
        m = QStringLiteral("w");
    else
        m = QStringLiteral("r");
    if ((bits & FileRead) && (bits & FileWrite))
        m += QLatin1Char('+');
    return m;
}

QJsonValue pipeItem(qint64 a, qint64 b, const StoreContext &ctx)
{
    switch (pipeItemOf(a)) {
    case PipeItem::None:
        return QJsonValue();
    case PipeItem::Int:
        return b;
    case PipeItem::String:
        return ctx.text(textOf(b));
    case PipeItem::List: {
        QJsonArray list;
        for (const QString &v : ctx.text(textOf(b)).split(QLatin1Char(','), Qt::SkipEmptyParts))
            list.append(v.toLongLong());
        return list;
    }
    }
    return QJsonValue();
}

// `o` has exactly these keys.
bool exactKeys(const QJsonObject &o, std::initializer_list<const char *> keys)
{
    if (o.size() != qsizetype(keys.size()))
        return false;
    for (const char *k : keys)
        if (!o.contains(QLatin1String(k)))
            return false;
    return true;
}

// An integral JSON number in [lo, hi].
bool integer(const QJsonValue &v, qint64 lo, qint64 hi, qint64 *out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (d != double(qint64(d)) || d < double(lo) || d > double(hi))
        return false;
    *out = v.toInteger();
    return QJsonValue(*out) == v;
}

} // namespace

qint64 objectId(EventStore &store, const QString &name, bool pipe)
{
    // Negative ids never collide with shared-heap offsets; pipes need
    // multiples of 64 (packPipe).
    const quint32 t = store.text(name);
    const qint64 id = pipe ? -qint64(t + 1) * 64 : -qint64(t + 1);
    store.objectName(id, name);
    return id;
}

QJsonObject begin(EventKind k, qint64 a, qint64 b, quint8 flags, const StoreContext &ctx)
{
    Q_UNUSED(flags);
    switch (k) {
    case EventKind::Sleep:
        return {{QStringLiteral("ms"), a}};
    case EventKind::Join: {
        QJsonObject o{{QStringLiteral("target"), ctx.nameOf(a)},
                      {QStringLiteral("target_pid"), a},
                      {QStringLiteral("timeout"), b < 0 ? QJsonValue() : QJsonValue(double(b) / 1e6)}};
        if (b == -2)
            o.insert(QStringLiteral("at_exit"), true);
        return o;
    }
    case EventKind::WaitLock:
    case EventKind::HoldLock:
        return {{QStringLiteral("lock"), ctx.objectName(a)}};
    case EventKind::WaitPut:
    case EventKind::WaitGet:
    case EventKind::WaitJoinQueue:
        return {{QStringLiteral("queue"), ctx.objectName(a)}};
    case EventKind::WaitRecv:
        return {{QStringLiteral("pipe"), ctx.objectName(a)}};
    case EventKind::ManagerCall:
        return managerArgs(a, ctx.text(textOf(b)), ctx);
    case EventKind::Phase:
        return {{QStringLiteral("name"), ctx.text(textOf(b))}};
    case EventKind::WaitEvent:
    case EventKind::WaitCondition:
    case EventKind::WaitBarrier:
        return {{QStringLiteral("object"), ctx.objectName(a)}};
    case EventKind::Task:
        return {{QStringLiteral("function"), ctx.text(textOf(b))}, {QStringLiteral("task"), a}};
    default:
        return {};
    }
}

QJsonObject end(EventKind k, quint8 flags)
{
    if (!(flags & store::FlagEndArgs))
        return {};
    switch (k) {
    case EventKind::Join:
        return {{QStringLiteral("returned_alive"), (flags & store::FlagEnd1) != 0}};
    case EventKind::ManagerCall:
        return {{QStringLiteral("ok"), (flags & store::FlagEnd1) == 0}};
    case EventKind::WaitEvent:
    case EventKind::WaitCondition:
    case EventKind::WaitBarrier:
        return {{QStringLiteral("returned"), (flags & store::FlagEnd1) != 0}};
    case EventKind::Task:
        return {{QStringLiteral("raised"), (flags & store::FlagEnd1) != 0}};
    default:
        return {};
    }
}

QJsonObject marker(EventKind k, qint64 a, qint64 b, quint8 flags, const StoreContext &ctx)
{
    auto target = [&](qint64 p) {
        return QJsonObject{{QStringLiteral("target"), ctx.nameOf(p)},
                           {QStringLiteral("target_pid"), p}};
    };
    switch (k) {
    case EventKind::Start:
        return {{QStringLiteral("child"), ctx.text(textOf(b))},
                {QStringLiteral("child_pid"), a},
                {QStringLiteral("method"), (flags & store::FlagAlt) ? str("forkserver")
                                           : (b & 1)                 ? str("spawn")
                                                                     : str("fork")}};
    case EventKind::Exit: {
        QJsonObject o{{QStringLiteral("exitcode"), a}};
        if (b & ExitSeenAtReap)
            o.insert(QStringLiteral("seen_at_reap"), true);
        return o;
    }
    case EventKind::Terminate:
    case EventKind::Kill: {
        QJsonObject o = target(a);
        o.insert(QStringLiteral("signal"), b);
        return o;
    }
    case EventKind::Reaped: {
        const bool byRunner = a == ctx.runnerPid || !ctx.laneNames.contains(a);
        return {{QStringLiteral("by"), byRunner ? str("runner") : ctx.nameOf(a)},
                {QStringLiteral("by_pid"), a},
                {QStringLiteral("proc_state"), QString(QChar(char(b ? b : '?')))}};
    }
    case EventKind::DaemonTerminated:
        return {{QStringLiteral("by"), ctx.nameOf(a)}};
    case EventKind::Error:
        return {{QStringLiteral("message"), ctx.text(textOf(b))}};
    case EventKind::Stdout:
        if (flags & store::FlagAlt)
            return {{QStringLiteral("text"), ctx.text(textOf(b))},
                    {QStringLiteral("stream"), str("stderr")}};
        return {{QStringLiteral("text"), ctx.text(textOf(b))}};
    case EventKind::Reparent:
        return {{QStringLiteral("old_ppid"), a}, {QStringLiteral("new_ppid"), b}};
    case EventKind::LockOwnerDied:
        return {{QStringLiteral("lock"), ctx.objectName(a)},
                {QStringLiteral("owner"), ctx.nameOf(b)},
                {QStringLiteral("owner_pid"), b}};
    case EventKind::Read:
    case EventKind::Write:
        return {{QStringLiteral("object"), ctx.objectName(b)},
                {QStringLiteral("value"), unpackValue(a)},
                {QStringLiteral("version"), qint64(unpackVersion(a))}};
    case EventKind::Put:
    case EventKind::Get: {
        QJsonValue item;
        if (sentinelOf(a))
            item = QJsonValue();
        else if (stringOf(a))
            item = ctx.text(textOf(b));
        else
            item = b;
        QJsonObject o{{QStringLiteral("queue"), ctx.objectName(queueOf(a))},
                      {QStringLiteral("item"), item},
                      {QStringLiteral("depth_after"), qint64(depthOf(a))}};
        if (sentinelOf(a))
            o.insert(QStringLiteral("sentinel"), true);
        return o;
    }
    case EventKind::TaskDone:
        return {{QStringLiteral("queue"), ctx.objectName(queueOf(a))},
                {QStringLiteral("unfinished"), qint64(depthOf(a))}};
    case EventKind::Send:
    case EventKind::Recv: {
        QJsonObject o{{QStringLiteral("pipe"), ctx.objectName(pipeOf(a))},
                      {QStringLiteral("item"), pipeItem(a, b, ctx)}};
        o.insert(k == EventKind::Send ? QStringLiteral("end") : QStringLiteral("from_end"),
                 pipeEndOf(a));
        return o;
    }
    case EventKind::PipeClose:
    case EventKind::Eof:
        return {{QStringLiteral("pipe"), ctx.objectName(a)}, {QStringLiteral("end"), b}};
    case EventKind::ManagerServe: {
        QJsonObject o = managerArgs(a & 0xff, ctx.text(textOf(b)), ctx);
        const qint64 client = a >> 8;
        o.insert(QStringLiteral("client"), ctx.nameOf(client));
        o.insert(QStringLiteral("client_pid"), client);
        return o;
    }
    case EventKind::Affinity: {
        QStringList cpus;
        for (int c = 0; c < 64; ++c)
            if (quint64(a) & (quint64(1) << c))
                cpus << QString::number(c);
        QJsonObject o{{QStringLiteral("cpus"), cpus.join(QLatin1Char(','))},
                      {QStringLiteral("mask"), a},
                      {QStringLiteral("ok"), b == 0}};
        if (b != 0)
            o.insert(QStringLiteral("errno"), b);
        return o;
    }
    case EventKind::SyncSet:
    case EventKind::SyncClear:
    case EventKind::SyncNotify:
    case EventKind::SyncNotifyAll:
    case EventKind::SyncAbort:
    case EventKind::SyncReset:
        return {{QStringLiteral("object"), ctx.objectName(a)}};
    case EventKind::Open:
        return {{QStringLiteral("path"), ctx.text(textOf(b))},
                {QStringLiteral("mode"), fileModeText(a)}};
    case EventKind::OutputCut:
        return {{QStringLiteral("bytes_not_recorded"), a}};
    default:
        Q_UNUSED(flags);
        return {};
    }
}

QJsonObject counter(EventKind k, qint64 a)
{
    switch (k) {
    case EventKind::State:
        return {{QStringLiteral("state"), int(a)}};
    case EventKind::Cpu:
        return {{QStringLiteral("cpu"), a}};
    case EventKind::CpuShare:
        return {{QStringLiteral("cpu_share"), a}};
    case EventKind::QueueDepth:
        return {{QStringLiteral("depth"), a}};
    default:
        return {};
    }
}

QJsonObject lost(const LostRow &r, const StoreContext &ctx)
{
    return {{QStringLiteral("object"), ctx.text(r.object)},
            {QStringLiteral("lost_write_pid"), r.lostPid},
            {QStringLiteral("lost_writer"), ctx.nameOf(r.lostPid)},
            {QStringLiteral("lost_write_ts"), r.lostTs},
            {QStringLiteral("lost_value"), r.lostValue},
            {QStringLiteral("read_ts"), r.readTs},
            {QStringLiteral("read_value"), r.readValue},
            {QStringLiteral("value"), r.value}};
}

// ---- encoding ----

bool encodeBegin(EventKind k, const QJsonObject &args, EventStore &store, qint64 *a, qint64 *b,
                 quint8 *flags)
{
    *a = *b = 0;
    *flags = 0;
    switch (k) {
    case EventKind::Running:
    case EventKind::Zombie:
        return args.isEmpty();
    case EventKind::Sleep:
        return exactKeys(args, {"ms"}) &&
               integer(args.value(QLatin1String("ms")), -(qint64(1) << 52), qint64(1) << 52, a);
    case EventKind::WaitLock:
    case EventKind::HoldLock:
        if (!exactKeys(args, {"lock"}) || !args.value(QLatin1String("lock")).isString())
            return false;
        *a = objectId(store, args.value(QLatin1String("lock")).toString());
        return true;
    case EventKind::WaitPut:
    case EventKind::WaitGet:
    case EventKind::WaitJoinQueue:
        if (!exactKeys(args, {"queue"}) || !args.value(QLatin1String("queue")).isString())
            return false;
        *a = objectId(store, args.value(QLatin1String("queue")).toString());
        return true;
    case EventKind::Phase:
        if (!exactKeys(args, {"name"}) || !args.value(QLatin1String("name")).isString())
            return false;
        *b = packText(store.text(args.value(QLatin1String("name")).toString()));
        return true;
    default:
        return false;
    }
}

bool encodeMarker(EventKind k, const QJsonObject &args, EventStore &store, qint64 *a, qint64 *b,
                  quint8 *flags)
{
    *a = *b = 0;
    *flags = 0;
    switch (k) {
    case EventKind::Exit: {
        const bool reap = args.contains(QLatin1String("seen_at_reap"));
        if (reap && (!exactKeys(args, {"exitcode", "seen_at_reap"}) ||
                     args.value(QLatin1String("seen_at_reap")) != QJsonValue(true)))
            return false;
        if (!reap && !exactKeys(args, {"exitcode"}))
            return false;
        *b = reap ? qint64(ExitSeenAtReap) : qint64(0);
        return integer(args.value(QLatin1String("exitcode")), -1000, 1000, a);
    }
    case EventKind::Stdout:
    case EventKind::Error: {
        const char *key = k == EventKind::Stdout ? "text" : "message";
        const bool stderrLine = k == EventKind::Stdout && args.contains(QLatin1String("stream"));
        if (stderrLine) {
            if (!exactKeys(args, {key, "stream"}) ||
                args.value(QLatin1String("stream")) != QJsonValue(QStringLiteral("stderr")))
                return false;
            *flags = store::FlagAlt;
        } else if (!exactKeys(args, {key})) {
            return false;
        }
        if (!args.value(QLatin1String(key)).isString())
            return false;
        *b = packText(store.uniqueText(args.value(QLatin1String(key)).toString()));
        return true;
    }
    case EventKind::Read:
    case EventKind::Write: {
        qint64 value = 0, version = 0;
        if (!exactKeys(args, {"object", "value", "version"}) ||
            !args.value(QLatin1String("object")).isString() ||
            !integer(args.value(QLatin1String("value")), INT32_MIN, INT32_MAX, &value) ||
            !integer(args.value(QLatin1String("version")), 0, UINT32_MAX, &version))
            return false;
        *a = packValue(std::int32_t(value), std::uint32_t(version));
        *b = objectId(store, args.value(QLatin1String("object")).toString());
        return true;
    }
    case EventKind::Put:
    case EventKind::Get: {
        const QJsonValue item = args.value(QLatin1String("item"));
        const bool sentinel = args.contains(QLatin1String("sentinel"));
        qint64 depth = 0;
        if (sentinel ? !exactKeys(args, {"queue", "item", "depth_after", "sentinel"})
                     : !exactKeys(args, {"queue", "item", "depth_after"}))
            return false;
        if (!args.value(QLatin1String("queue")).isString() ||
            !integer(args.value(QLatin1String("depth_after")), 0, 0x3fffffff, &depth))
            return false;
        if (sentinel != item.isNull() ||
            (sentinel && args.value(QLatin1String("sentinel")) != QJsonValue(true)))
            return false;
        const qint64 queue = objectId(store, args.value(QLatin1String("queue")).toString());
        if (item.isString()) {
            *b = packText(store.text(item.toString()));
        } else if (!item.isNull() && !integer(item, INT64_MIN / 2, INT64_MAX / 2, b)) {
            return false;
        }
        *a = packQueue(queue, depth, sentinel, item.isString());
        if (sentinel)
            *flags = store::FlagSentinel;
        return true;
    }
    case EventKind::Send:
    case EventKind::Recv: {
        const char *endKey = k == EventKind::Send ? "end" : "from_end";
        const QJsonValue item = args.value(QLatin1String("item"));
        qint64 end = 0;
        if (!exactKeys(args, {"pipe", "item", endKey}) ||
            !args.value(QLatin1String("pipe")).isString() ||
            !integer(args.value(QLatin1String(endKey)), 0, 1, &end))
            return false;
        PipeItem kind = PipeItem::None;
        if (item.isString()) {
            kind = PipeItem::String;
            *b = packText(store.text(item.toString()));
        } else if (item.isDouble()) {
            kind = PipeItem::Int;
            if (!integer(item, INT64_MIN / 2, INT64_MAX / 2, b))
                return false;
        } else if (!item.isNull()) {
            return false;
        }
        *a = packPipe(objectId(store, args.value(QLatin1String("pipe")).toString(), true), int(end),
                      kind, 0);
        return true;
    }
    default:
        return false;
    }
}

bool encodeCounter(EventKind k, const QJsonObject &args, qint64 *a)
{
    switch (k) {
    case EventKind::State:
        return exactKeys(args, {"state"}) && integer(args.value(QLatin1String("state")), 0, 5, a);
    case EventKind::Cpu:
        return exactKeys(args, {"cpu"}) && integer(args.value(QLatin1String("cpu")), -1, 1 << 20, a);
    case EventKind::CpuShare:
        return exactKeys(args, {"cpu_share"}) &&
               integer(args.value(QLatin1String("cpu_share")), 0, 100, a);
    case EventKind::QueueDepth:
        return exactKeys(args, {"depth"}) &&
               integer(args.value(QLatin1String("depth")), 0, qint64(1) << 40, a);
    default:
        return false;
    }
}

bool encodeLost(const QJsonObject &args, EventStore &store, qint64 overwriterPid, LostRow *row)
{
    Q_UNUSED(overwriterPid);
    qint64 pid = 0, lostValue = 0, readValue = 0, value = 0;
    if (!exactKeys(args, {"object", "lost_write_pid", "lost_writer", "lost_write_ts", "lost_value",
                          "read_ts", "read_value", "value"}) ||
        !args.value(QLatin1String("object")).isString() ||
        !args.value(QLatin1String("lost_writer")).isString() ||
        !args.value(QLatin1String("lost_write_ts")).isDouble() ||
        !args.value(QLatin1String("read_ts")).isDouble() ||
        !integer(args.value(QLatin1String("lost_write_pid")), 0, (1 << 22) - 1, &pid) ||
        !integer(args.value(QLatin1String("lost_value")), INT32_MIN, INT32_MAX, &lostValue) ||
        !integer(args.value(QLatin1String("read_value")), INT32_MIN, INT32_MAX, &readValue) ||
        !integer(args.value(QLatin1String("value")), INT32_MIN, INT32_MAX, &value))
        return false;
    row->lostPid = pid;
    row->lostTs = args.value(QLatin1String("lost_write_ts")).toDouble();
    row->readTs = args.value(QLatin1String("read_ts")).toDouble();
    row->lostValue = int(lostValue);
    row->readValue = int(readValue);
    row->value = int(value);
    row->object = store.text(args.value(QLatin1String("object")).toString());
    // lost_writer is the lane name of lost_write_pid: rebuilt from the lanes.
    return true;
}

} // namespace proclab::eventargs
