#include "recorddecoder.h"

#include "sampledstate.h"
#include <QJsonArray>

#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringList>
#include <algorithm>
#include <csignal>
#include <functional>

namespace proclab {

namespace {
QJsonObject timeoutArgs(std::int64_t us)
{
    // -1: join(), -2: the implicit join of Python's exit handler
    QJsonObject a;
    a.insert(QStringLiteral("timeout"), us < 0 ? QJsonValue() : QJsonValue(double(us) / 1e6));
    if (us == -2)
        a.insert(QStringLiteral("at_exit"), true);
    return a;
}
QJsonValue pipeItemJson(const Record &r, const QString &text)
{
    switch (pipeItemOf(r.a)) {
    case PipeItem::None:
        return QJsonValue();
    case PipeItem::Int:
        return qint64(r.b);
    case PipeItem::String:
        return text;
    case PipeItem::List: {
        QJsonArray list;
        for (const QString &v : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
            list.append(v.toLongLong());
        return list;
    }
    }
    return QJsonValue();
}

// The nth message sent by one end of a pipe is the nth one received from it:
// both records compute the same arrow id. Tagged above any pid (start arrows).
qint64 pipeFlowId(std::int64_t packed)
{
    return (qint64(1) << 51) | ((pipeOf(packed) >> 6) << 25) | (qint64(pipeEndOf(packed)) << 24) |
           qint64(pipeSeqOf(packed) & 0xffffff);
}

// text = "object\nkey", or from a Python program "#object-id\nkey\nmethod".
QJsonObject managerArgs(std::int64_t op, const QString &text,
                        const std::function<QString(const QString &)> &objectName)
{
    const QStringList parts = text.split(QLatin1Char('\n'));
    const QString method = parts.size() > 2 ? parts.at(2)
                                            : QString::fromLatin1(managerOpName(ManagerOp(op)));
    return {{QStringLiteral("op"), method},
            {QStringLiteral("object"), objectName(parts.value(0))},
            {QStringLiteral("key"), parts.value(1)}};
}

QString syncWaitName(std::int64_t kind)
{
    switch (SyncWait(kind)) {
    case SyncWait::Event:
        return ev::WaitEvent;
    case SyncWait::Condition:
        return ev::WaitCondition;
    case SyncWait::Barrier:
        return ev::WaitBarrier;
    }
    return ev::WaitEvent;
}

QString syncOpName(std::int64_t op)
{
    switch (SyncOpKind(op)) {
    case SyncOpKind::Set:
        return QStringLiteral("set");
    case SyncOpKind::Clear:
        return QStringLiteral("clear");
    case SyncOpKind::Notify:
        return QStringLiteral("notify");
    case SyncOpKind::NotifyAll:
        return QStringLiteral("notify_all");
    case SyncOpKind::Abort:
        return QStringLiteral("abort");
    case SyncOpKind::Reset:
        return QStringLiteral("reset");
    }
    return QStringLiteral("sync");
}

QString fileModeText(std::int64_t bits)
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

} // namespace

QString RecordDecoder::runStatusName(std::int64_t status)
{
    switch (RunStatus(status)) {
    case RunStatus::Finished:
        return QStringLiteral("finished");
    case RunStatus::LabFailed:
        return QStringLiteral("failed");
    case RunStatus::Stopped:
        return QStringLiteral("stopped");
    case RunStatus::TimedOut:
        return QStringLiteral("timed-out");
    }
    return QStringLiteral("unknown");
}

QString RecordDecoder::nameOf(qint64 pid) const
{
    return m_names.value(pid, QStringLiteral("pid %1").arg(pid));
}

QString RecordDecoder::objectName(const QString &ref) const
{
    if (!ref.startsWith(QLatin1Char('#')))
        return ref;
    return m_objects.value(ref.mid(1).toLongLong(), ref);
}

RecordDecoder::Batch RecordDecoder::decode(std::vector<RawRecord> records)
{
    std::stable_sort(records.begin(), records.end(), [](const RawRecord &a, const RawRecord &b) {
        return a.record.tNs < b.record.tNs;
    });
    Batch out;
    out.events.reserve(qsizetype(records.size()) * 2);
    for (const RawRecord &r : records)
        decodeOne(r, out);
    return out;
}

void RecordDecoder::decodeOne(const RawRecord &raw, Batch &out)
{
    const Record &r = raw.record;
    const double ts = r.tNs >= m_t0Ns ? double(r.tNs - m_t0Ns) / 1000.0 : 0.0;
    const qint64 pid = r.pid;
    const QString text = QString::fromUtf8(raw.text.data(), qsizetype(raw.text.size()));
    // A Python program's record may come with where in the program it was
    // caused (the SourceLoc just before it): its first event gets file and line.
    std::optional<PendingLoc> loc;
    if (r.kind != RecordKind::SourceLoc) {
        const auto it = m_pendingLoc.constFind(pid);
        if (it != m_pendingLoc.constEnd()) {
            if (it->tNs == r.tNs)
                loc = *it;
            m_pendingLoc.erase(it);
        }
    }
    auto add = [&](TraceEvent::Phase ph, const QString &name, QJsonObject args = {},
                   qint64 lane = -1, qint64 id = 0) {
        // The record's own event takes it: an instant or an interval's begin
        // (not the end of a zombie a reap closes, nor a counter beside it).
        if (loc && (ph == TraceEvent::Instant || ph == TraceEvent::Begin)) {
            args.insert(QStringLiteral("file"), m_sourceFiles.value(loc->file));
            args.insert(QStringLiteral("line"), loc->line);
            loc.reset();
        }
        out.events.push_back(TraceEvent{ts, lane < 0 ? pid : lane, ph, name, std::move(args), id});
    };
    auto target = [&](qint64 p) {
        return QJsonObject{{QStringLiteral("target"), nameOf(p)},
                           {QStringLiteral("target_pid"), p}};
    };

    switch (r.kind) {
    case RecordKind::ProcBegin:
        m_names.insert(pid, text);
        m_exited.remove(pid); // a reused pid: a new process
        if (r.b & ProcMain)
            m_mainPid = pid;
        add(TraceEvent::Meta, ev::ProcessName,
            {{QStringLiteral("name"), text},
             {QStringLiteral("ppid"), qint64(r.a)},
             {QStringLiteral("main"), (r.b & ProcMain) != 0},
             {QStringLiteral("daemon"), (r.b & ProcDaemon) != 0},
             {QStringLiteral("spawned"), (r.b & ProcSpawned) != 0}});
        add(TraceEvent::Begin, ev::Running);
        if (!(r.b & ProcMain))
            add(TraceEvent::FlowEnd, ev::Start, {}, -1, pid);
        break;
    case RecordKind::Start:
        m_names.insert(r.a, text);
        // Name the child's lane now: lanes then appear in start() order, and
        // the child's own record completes it.
        add(TraceEvent::Meta, ev::ProcessName,
            {{QStringLiteral("name"), text}, {QStringLiteral("ppid"), qint64(pid)}}, r.a);
        add(TraceEvent::Instant, ev::Start,
            {{QStringLiteral("child"), text},
             {QStringLiteral("child_pid"), qint64(r.a)},
             {QStringLiteral("method"), StartMethod(r.b) == StartMethod::Spawn ? QStringLiteral("spawn")
                                        : StartMethod(r.b) == StartMethod::Forkserver
                                            ? QStringLiteral("forkserver")
                                            : QStringLiteral("fork")}});
        add(TraceEvent::FlowStart, ev::Start, {}, -1, r.a);
        break;
    case RecordKind::SleepBegin:
        add(TraceEvent::Begin, ev::Sleep, {{QStringLiteral("ms"), qint64(r.a)}});
        break;
    case RecordKind::SleepEnd:
        add(TraceEvent::End, ev::Sleep);
        break;
    case RecordKind::JoinBegin: {
        QJsonObject a = target(r.a);
        const QJsonObject t = timeoutArgs(r.b);
        for (auto it = t.begin(); it != t.end(); ++it)
            a.insert(it.key(), it.value());
        add(TraceEvent::Begin, ev::Join, a);
        break;
    }
    case RecordKind::JoinEnd:
        add(TraceEvent::End, ev::Join, {{QStringLiteral("returned_alive"), r.b != 0}});
        break;
    case RecordKind::Terminate:
    case RecordKind::Kill: {
        QJsonObject a = target(r.a);
        a.insert(QStringLiteral("signal"), qint64(r.b));
        add(TraceEvent::Instant, r.kind == RecordKind::Kill ? ev::Kill : ev::Terminate, a);
        break;
    }
    case RecordKind::Exit: {
        if (m_exited.contains(pid))
            break; // the process's own record came first; this one is its reaper's
        m_exited.insert(pid);
        const bool atReap = (r.b & ExitSeenAtReap) != 0;
        QJsonObject a{{QStringLiteral("exitcode"), qint64(r.a)}};
        if (atReap)
            a.insert(QStringLiteral("seen_at_reap"), true);
        add(TraceEvent::Instant, ev::Exit, a);
        add(TraceEvent::End, ev::Running);
        if (!atReap) {
            add(TraceEvent::Begin, ev::Zombie);
            m_zombieOpen.insert(pid);
        }
        break;
    }
    case RecordKind::Reaped: {
        if (m_zombieOpen.remove(pid))
            add(TraceEvent::End, ev::Zombie);
        m_reaped.insert(pid);
        if (m_stateOpen.remove(pid)) // the sampled state track ends here
            add(TraceEvent::Counter, ev::State,
                {{QStringLiteral("state"), int(SampledState::Gone)}});
        const bool byRunner = r.a == m_runnerPid || !m_names.contains(r.a);
        add(TraceEvent::Instant, ev::Reaped,
            {{QStringLiteral("by"), byRunner ? QStringLiteral("runner") : nameOf(r.a)},
             {QStringLiteral("by_pid"), qint64(r.a)},
             {QStringLiteral("proc_state"), QString(QChar(char(r.b ? r.b : '?')))}});
        break;
    }
    case RecordKind::DaemonTerminated:
        add(TraceEvent::Instant, ev::DaemonTerminated, {{QStringLiteral("by"), nameOf(r.a)}});
        break;
    case RecordKind::Error:
        add(TraceEvent::Instant, ev::Error, {{QStringLiteral("message"), text}});
        break;
    case RecordKind::Stdout:
        if (r.b == 2)
            add(TraceEvent::Instant, ev::Stdout,
                {{QStringLiteral("text"), text}, {QStringLiteral("stream"), QStringLiteral("stderr")}});
        else
            add(TraceEvent::Instant, ev::Stdout, {{QStringLiteral("text"), text}});
        break;
    case RecordKind::Reparent:
        add(TraceEvent::Instant, ev::Reparent,
            {{QStringLiteral("old_ppid"), qint64(r.a)}, {QStringLiteral("new_ppid"), qint64(r.b)}});
        break;
    case RecordKind::Summary: {
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(raw.text.c_str(), &err);
        if (doc.isObject())
            out.summary = doc.object();
        break;
    }
    case RecordKind::RunEnd:
        out.runStatus = runStatusName(r.a);
        break;
    case RecordKind::ObjectDecl:
        if (ObjectType(r.b) == ObjectType::SourceFile)
            m_sourceFiles.insert(r.a, text);
        else
            m_objects.insert(r.a, text);
        break;
    case RecordKind::SourceLoc:
        m_pendingLoc.insert(pid, PendingLoc{r.tNs, r.b, r.a});
        break;
    case RecordKind::ProcRename:
        m_names.insert(pid, text);
        add(TraceEvent::Meta, ev::ProcessName, {{QStringLiteral("name"), text}});
        break;
    case RecordKind::SyncWaitBegin:
        m_syncWaits[pid].push_back(syncWaitName(r.b));
        add(TraceEvent::Begin, m_syncWaits[pid].back(),
            {{QStringLiteral("object"), m_objects.value(r.a)}});
        break;
    case RecordKind::SyncWaitEnd: {
        QStringList &open = m_syncWaits[pid];
        if (!open.isEmpty())
            add(TraceEvent::End, open.takeLast(), {{QStringLiteral("returned"), r.b != 0}});
        break;
    }
    case RecordKind::SyncOp:
        add(TraceEvent::Instant, syncOpName(r.b), {{QStringLiteral("object"), m_objects.value(r.a)}});
        break;
    case RecordKind::TaskBegin:
        add(TraceEvent::Begin, ev::Task,
            {{QStringLiteral("function"), text}, {QStringLiteral("task"), qint64(r.a)}});
        break;
    case RecordKind::TaskEnd:
        add(TraceEvent::End, ev::Task, {{QStringLiteral("raised"), r.b != 0}});
        break;
    case RecordKind::FileOpen:
        add(TraceEvent::Instant, ev::Open,
            {{QStringLiteral("path"), text}, {QStringLiteral("mode"), fileModeText(r.a)}});
        break;
    case RecordKind::SharedName:
        out.sharedNames << text;
        break;
    case RecordKind::OutputCut:
        add(TraceEvent::Instant, ev::OutputCut, {{QStringLiteral("bytes_not_recorded"), qint64(r.a)}});
        break;
    case RecordKind::LockWaitBegin:
        add(TraceEvent::Begin, ev::WaitLock, {{QStringLiteral("lock"), m_objects.value(r.a)}});
        break;
    case RecordKind::LockWaitEnd:
        add(TraceEvent::End, ev::WaitLock);
        if (r.b != 0)
            add(TraceEvent::Instant, ev::LockOwnerDied,
                {{QStringLiteral("lock"), m_objects.value(r.a)},
                 {QStringLiteral("owner"), nameOf(r.b)},
                 {QStringLiteral("owner_pid"), qint64(r.b)}});
        break;
    case RecordKind::LockHoldBegin:
        add(TraceEvent::Begin, ev::HoldLock, {{QStringLiteral("lock"), m_objects.value(r.a)}});
        break;
    case RecordKind::LockHoldEnd:
        add(TraceEvent::End, ev::HoldLock);
        break;
    case RecordKind::Read:
    case RecordKind::Write: {
        // The hottest records of a run (a counter race makes millions): fill a
        // prepared object instead of building keys anew.
        static const QJsonObject shape{{QStringLiteral("object"), QString()},
                                       {QStringLiteral("value"), 0},
                                       {QStringLiteral("version"), 0}};
        QJsonObject args = shape;
        args[QLatin1String("object")] = m_objects.value(r.b);
        args[QLatin1String("value")] = unpackValue(r.a);
        args[QLatin1String("version")] = qint64(unpackVersion(r.a));
        add(TraceEvent::Instant, r.kind == RecordKind::Read ? ev::Read : ev::Write, args);
        break;
    }
    case RecordKind::QueuePut:
    case RecordKind::QueueGet: {
        const QString queue = m_objects.value(queueOf(r.a));
        const qint64 depth = qint64(depthOf(r.a));
        QJsonValue item;
        if (sentinelOf(r.a))
            item = QJsonValue(); // None
        else if (stringOf(r.a))
            item = text; // "" included
        else
            item = qint64(r.b);
        QJsonObject args{{QStringLiteral("queue"), queue},
                         {QStringLiteral("item"), item},
                         {QStringLiteral("depth_after"), depth}};
        if (sentinelOf(r.a))
            args.insert(QStringLiteral("sentinel"), true);
        add(TraceEvent::Instant, r.kind == RecordKind::QueuePut ? ev::Put : ev::Get, args);
        add(TraceEvent::Counter, ev::QueueCounterPrefix + queue, {{QStringLiteral("depth"), depth}},
            m_mainPid ? m_mainPid : pid);
        break;
    }
    case RecordKind::QueueWaitBegin:
    case RecordKind::QueueWaitEnd: {
        const QString name = QueueWait(r.b) == QueueWait::Put   ? ev::WaitPut
                             : QueueWait(r.b) == QueueWait::Get ? ev::WaitGet
                                                                : ev::WaitJoinQueue;
        if (r.kind == RecordKind::QueueWaitBegin)
            add(TraceEvent::Begin, name, {{QStringLiteral("queue"), m_objects.value(r.a)}});
        else
            add(TraceEvent::End, name);
        break;
    }
    case RecordKind::QueueTaskDone:
        add(TraceEvent::Instant, ev::TaskDone,
            {{QStringLiteral("queue"), m_objects.value(queueOf(r.a))},
             {QStringLiteral("unfinished"), qint64(depthOf(r.a))}});
        break;
    case RecordKind::PipeSend:
    case RecordKind::PipeRecv: {
        const bool send = r.kind == RecordKind::PipeSend;
        QJsonObject args{{QStringLiteral("pipe"), m_objects.value(pipeOf(r.a))},
                         {QStringLiteral("item"), pipeItemJson(r, text)}};
        args.insert(send ? QStringLiteral("end") : QStringLiteral("from_end"), pipeEndOf(r.a));
        add(TraceEvent::Instant, send ? ev::Send : ev::Recv, args);
        add(send ? TraceEvent::FlowStart : TraceEvent::FlowEnd, ev::Send, {}, -1, pipeFlowId(r.a));
        break;
    }
    case RecordKind::PipeWait:
        if (r.b)
            add(TraceEvent::Begin, ev::WaitRecv, {{QStringLiteral("pipe"), m_objects.value(r.a)}});
        else
            add(TraceEvent::End, ev::WaitRecv);
        break;
    case RecordKind::PipeClose:
    case RecordKind::PipeEof:
        add(TraceEvent::Instant, r.kind == RecordKind::PipeEof ? ev::Eof : ev::PipeClose,
            {{QStringLiteral("pipe"), m_objects.value(r.a)}, {QStringLiteral("end"), qint64(r.b)}});
        break;
    case RecordKind::ManagerCallBegin:
        add(TraceEvent::Begin, ev::ManagerCall,
            managerArgs(r.a, text, [this](const QString &o) { return objectName(o); }));
        break;
    case RecordKind::ManagerCallEnd:
        add(TraceEvent::End, ev::ManagerCall, {{QStringLiteral("ok"), r.b == 0}});
        break;
    case RecordKind::ManagerServe: {
        QJsonObject args =
            managerArgs(r.a, text, [this](const QString &o) { return objectName(o); });
        args.insert(QStringLiteral("client"), nameOf(r.b));
        args.insert(QStringLiteral("client_pid"), qint64(r.b));
        add(TraceEvent::Instant, ev::ManagerServe, args);
        break;
    }
    case RecordKind::Phase:
        if (r.b)
            add(TraceEvent::Begin, ev::Phase, {{QStringLiteral("name"), text}});
        else
            add(TraceEvent::End, ev::Phase);
        break;
    case RecordKind::ProcState: {
        // A sample read just before the reap can reach us after it: drop it.
        if (m_reaped.contains(pid))
            break;
        const SampledState st = sampledStateFromProc(char(r.a));
        add(TraceEvent::Counter, ev::State, {{QStringLiteral("state"), int(st)}});
        if (st == SampledState::Gone)
            m_stateOpen.remove(pid);
        else
            m_stateOpen.insert(pid);
        break;
    }
    case RecordKind::ProcCpu:
        if (!m_reaped.contains(pid))
            add(TraceEvent::Counter, ev::Cpu, {{QStringLiteral("cpu"), qint64(r.a)}});
        break;
    case RecordKind::ProcCpuTime:
        // One key per counter (Perfetto draws each key as its own track): the
        // window is the sampler's fixed one, ending at this event.
        if (!m_reaped.contains(pid) && r.b > 0)
            add(TraceEvent::Counter, ev::CpuShare,
                {{QStringLiteral("cpu_share"),
                  qint64(std::clamp<std::int64_t>((r.a * 100 + r.b / 2) / r.b, 0, 100))}});
        break;
    case RecordKind::Affinity: {
        QStringList cpus;
        for (int c = 0; c < 64; ++c)
            if (std::uint64_t(r.a) & (std::uint64_t(1) << c))
                cpus << QString::number(c);
        QJsonObject a{{QStringLiteral("cpus"), cpus.join(QLatin1Char(','))},
                      {QStringLiteral("mask"), qint64(r.a)},
                      {QStringLiteral("ok"), r.b == 0}};
        if (r.b != 0)
            a.insert(QStringLiteral("errno"), qint64(r.b));
        add(TraceEvent::Instant, ev::Affinity, a);
        break;
    }
    case RecordKind::Invalid:
    case RecordKind::TextChunk:
        break;
    }
}

} // namespace proclab
