#include "recorddecoder.h"

#include "eventargs.h"
#include "sampledstate.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <algorithm>

namespace proclab {

namespace {

// The nth message sent by one end of a pipe is the nth one received from it:
// both records compute the same arrow id. Tagged above any pid (start arrows).
qint64 pipeFlowId(std::int64_t packed)
{
    return (qint64(1) << 51) | ((pipeOf(packed) >> 6) << 25) | (qint64(pipeEndOf(packed)) << 24) |
           qint64(pipeSeqOf(packed) & 0xffffff);
}

} // namespace

// ---- StoreSink ----

void StoreSink::process(qint64 pid, double, const EventStore::ProcessInfo &info)
{
    m_store.process(pid, info);
}

void StoreSink::queueDepth(qint64 pid, double ts, qint64 queue, qint64 depth)
{
    m_store.queueDepth(pid, ts, m_objectNames.value(queue), depth);
}

quint32 StoreSink::uniqueText(std::string_view utf8)
{
    return m_store.uniqueText(QString::fromUtf8(utf8.data(), qsizetype(utf8.size())));
}

void StoreSink::object(qint64 id, std::string_view name)
{
    const QString n = QString::fromUtf8(name.data(), qsizetype(name.size()));
    m_store.objectName(id, n);
    m_objectNames.insert(id, m_store.text(n));
}

// ---- the TraceEvent sink of decode() ----

struct DecoderNames
{
    std::shared_ptr<StoreTexts> texts = std::make_shared<StoreTexts>();
    StoreContext ctx;
    DecoderNames() { ctx.texts = texts; }
};

namespace {

class TraceEventSink : public EventSink
{
public:
    TraceEventSink(DecoderNames &names, RecordDecoder::Batch &out, qint64 runnerPid)
        : m_names(names), m_out(out)
    {
        m_names.ctx.runnerPid = runnerPid;
    }

    void process(qint64 pid, double ts, const EventStore::ProcessInfo &info) override
    {
        QJsonObject a;
        if (info.name) {
            a.insert(QStringLiteral("name"), *info.name);
            m_names.ctx.laneNames.insert(pid, *info.name);
        }
        if (info.ppid)
            a.insert(QStringLiteral("ppid"), *info.ppid);
        if (info.main)
            a.insert(QStringLiteral("main"), *info.main);
        if (info.daemon)
            a.insert(QStringLiteral("daemon"), *info.daemon);
        if (info.spawned)
            a.insert(QStringLiteral("spawned"), *info.spawned);
        add(ts, pid, TraceEvent::Meta, ev::ProcessName, a);
    }
    void begin(qint64 pid, double ts, EventKind k, qint64 a, qint64 b) override
    {
        add(ts, pid, TraceEvent::Begin, eventkind::name(k), eventargs::begin(k, a, b, 0, m_names.ctx));
    }
    void end(qint64 pid, double ts, EventKind k, quint8 endFlags) override
    {
        add(ts, pid, TraceEvent::End, eventkind::name(k), eventargs::end(k, endFlags));
    }
    void instant(qint64 pid, double ts, EventKind k, qint64 a, qint64 b, quint8 flags) override
    {
        add(ts, pid, TraceEvent::Instant, eventkind::name(k),
            eventargs::marker(k, a, b, flags, m_names.ctx));
    }
    void state(qint64 pid, double ts, int code) override
    {
        add(ts, pid, TraceEvent::Counter, ev::State, eventargs::counter(EventKind::State, code));
    }
    void cpu(qint64 pid, double ts, int cpu) override
    {
        add(ts, pid, TraceEvent::Counter, ev::Cpu, eventargs::counter(EventKind::Cpu, cpu));
    }
    void cpuShare(qint64 pid, double ts, int p) override
    {
        add(ts, pid, TraceEvent::Counter, ev::CpuShare, eventargs::counter(EventKind::CpuShare, p));
    }
    void queueDepth(qint64 pid, double ts, qint64 queue, qint64 depth) override
    {
        add(ts, pid, TraceEvent::Counter, ev::QueueCounterPrefix + m_names.ctx.objectName(queue),
            eventargs::counter(EventKind::QueueDepth, depth));
    }
    void flow(bool start, qint64 id, EventKind k, qint64 pid, double ts) override
    {
        m_out.events.push_back(TraceEvent{ts, pid, start ? TraceEvent::FlowStart : TraceEvent::FlowEnd,
                                          eventkind::name(k), {}, id});
    }
    quint32 text(std::string_view utf8) override
    {
        return m_names.texts->intern(QString::fromUtf8(utf8.data(), qsizetype(utf8.size())));
    }
    quint32 uniqueText(std::string_view utf8) override { return text(utf8); }
    void object(qint64 id, std::string_view name) override
    {
        m_names.ctx.objects.insert(id, text(name));
    }
    void summary(const QJsonObject &s) override { m_out.summary = s; }
    void runStatus(const QString &status) override { m_out.runStatus = status; }
    void location(qint64 pid, double ts, EventKind k, qint64 line, quint32 file) override
    {
        // The event just added (the last of that lane, time and name).
        for (qsizetype i = m_out.events.size() - 1; i >= 0; --i) {
            TraceEvent &e = m_out.events[i];
            if (e.pid == pid && e.ts == ts && e.name == eventkind::name(k)) {
                e.args.insert(QStringLiteral("file"), m_names.texts->at(file));
                e.args.insert(QStringLiteral("line"), line);
                return;
            }
        }
    }
    void sharedName(std::string_view name) override
    {
        m_out.sharedNames << QString::fromUtf8(name.data(), qsizetype(name.size()));
    }

private:
    void add(double ts, qint64 pid, TraceEvent::Phase ph, const QString &name, QJsonObject args)
    {
        m_out.events.push_back(TraceEvent{ts, pid, ph, name, std::move(args), 0});
    }
    DecoderNames &m_names;
    RecordDecoder::Batch &m_out;
};

// Passes everything on; the first interval begin or marker it sees (the
// record's own event, not a lane named before it) gets the record's source
// location.
class LocatingSink : public EventSink
{
public:
    LocatingSink(EventSink &to, qint64 line, quint32 file) : m_to(to), m_line(line), m_file(file)
    {
    }
    void process(qint64 pid, double ts, const EventStore::ProcessInfo &info) override
    {
        m_to.process(pid, ts, info);
    }
    void begin(qint64 pid, double ts, EventKind k, qint64 a, qint64 b) override
    {
        m_to.begin(pid, ts, k, a, b);
        locate(pid, ts, k);
    }
    void end(qint64 pid, double ts, EventKind k, quint8 endFlags) override
    {
        m_to.end(pid, ts, k, endFlags);
    }
    void instant(qint64 pid, double ts, EventKind k, qint64 a, qint64 b, quint8 flags) override
    {
        m_to.instant(pid, ts, k, a, b, flags);
        locate(pid, ts, k);
    }
    void state(qint64 pid, double ts, int code) override { m_to.state(pid, ts, code); }
    void cpu(qint64 pid, double ts, int cpu) override { m_to.cpu(pid, ts, cpu); }
    void cpuShare(qint64 pid, double ts, int p) override { m_to.cpuShare(pid, ts, p); }
    void queueDepth(qint64 pid, double ts, qint64 queue, qint64 depth) override
    {
        m_to.queueDepth(pid, ts, queue, depth);
    }
    void flow(bool start, qint64 id, EventKind k, qint64 pid, double ts) override
    {
        m_to.flow(start, id, k, pid, ts);
    }
    quint32 text(std::string_view utf8) override { return m_to.text(utf8); }
    quint32 uniqueText(std::string_view utf8) override { return m_to.uniqueText(utf8); }
    void object(qint64 id, std::string_view name) override { m_to.object(id, name); }
    void summary(const QJsonObject &s) override { m_to.summary(s); }
    void runStatus(const QString &status) override { m_to.runStatus(status); }
    void location(qint64 pid, double ts, EventKind k, qint64 line, quint32 file) override
    {
        m_to.location(pid, ts, k, line, file);
    }
    void sharedName(std::string_view name) override { m_to.sharedName(name); }

private:
    void locate(qint64 pid, double ts, EventKind k)
    {
        if (m_done)
            return;
        m_done = true;
        m_to.location(pid, ts, k, m_line, m_file);
    }
    EventSink &m_to;
    qint64 m_line;
    quint32 m_file;
    bool m_done = false;
};

EventKind syncWaitKind(std::int64_t kind)
{
    switch (SyncWait(kind)) {
    case SyncWait::Condition:
        return EventKind::WaitCondition;
    case SyncWait::Barrier:
        return EventKind::WaitBarrier;
    case SyncWait::Event:
        break;
    }
    return EventKind::WaitEvent;
}

EventKind syncOpKind(std::int64_t op)
{
    switch (SyncOpKind(op)) {
    case SyncOpKind::Set:
        return EventKind::SyncSet;
    case SyncOpKind::Clear:
        return EventKind::SyncClear;
    case SyncOpKind::Notify:
        return EventKind::SyncNotify;
    case SyncOpKind::NotifyAll:
        return EventKind::SyncNotifyAll;
    case SyncOpKind::Abort:
        return EventKind::SyncAbort;
    case SyncOpKind::Reset:
        return EventKind::SyncReset;
    }
    return EventKind::SyncSet;
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

RecordDecoder::Batch RecordDecoder::decode(std::vector<RawRecord> records)
{
    std::stable_sort(records.begin(), records.end(), [](const RawRecord &a, const RawRecord &b) {
        return a.record.tNs < b.record.tNs;
    });
    if (!m_names)
        m_names = std::make_shared<DecoderNames>();
    Batch out;
    out.events.reserve(qsizetype(records.size()) * 2);
    TraceEventSink sink(*m_names, out, m_runnerPid);
    for (const RawRecord &r : records)
        decodeOne(r.record, r.text, sink);
    return out;
}

void RecordDecoder::decodeOne(const Record &r, std::string_view text, EventSink &sink)
{
    // A Python program's record may come right after where in the program
    // it was caused (a SourceLoc of the same lane and time): its own event
    // gets file and line.
    if (r.kind == RecordKind::SourceLoc) {
        m_pendingLoc.insert(r.pid, PendingLoc{r.tNs, r.b, r.a});
        return;
    }
    if (!m_pendingLoc.isEmpty()) {
        const auto it = m_pendingLoc.constFind(r.pid);
        if (it != m_pendingLoc.constEnd()) {
            const PendingLoc loc = *it;
            m_pendingLoc.erase(it);
            const auto file = m_sourceFiles.constFind(loc.file);
            if (loc.tNs == r.tNs && file != m_sourceFiles.constEnd()) {
                LocatingSink located(sink, loc.line, *file);
                decodeRecord(r, text, located);
                return;
            }
        }
    }
    decodeRecord(r, text, sink);
}

void RecordDecoder::decodeRecord(const Record &r, std::string_view text, EventSink &sink)
{
    const double ts = timeOf(r.tNs);
    const qint64 pid = r.pid;
    auto textId = [&] { return sink.text(text); };

    switch (r.kind) {
    case RecordKind::ProcBegin: {
        const bool main = (r.b & ProcMain) != 0;
        if (main)
            m_mainPid = pid;
        m_exited.remove(pid); // a reused pid: a new process
        EventStore::ProcessInfo info;
        info.name = QString::fromUtf8(text.data(), qsizetype(text.size()));
        info.ppid = r.a;
        info.main = main;
        info.daemon = (r.b & ProcDaemon) != 0;
        info.spawned = (r.b & ProcSpawned) != 0;
        sink.process(pid, ts, info);
        sink.begin(pid, ts, EventKind::Running, 0, 0);
        if (!main)
            sink.flow(false, pid, EventKind::Start, pid, ts);
        break;
    }
    case RecordKind::Start: {
        // Name the child's lane now: lanes then appear in start() order, and
        // the child's own record completes it.
        EventStore::ProcessInfo info;
        info.name = QString::fromUtf8(text.data(), qsizetype(text.size()));
        info.ppid = pid;
        sink.process(r.a, ts, info);
        sink.instant(pid, ts, EventKind::Start, r.a,
                     eventargs::packText(textId(), StartMethod(r.b) == StartMethod::Spawn),
                     StartMethod(r.b) == StartMethod::Forkserver ? store::FlagAlt : 0);
        sink.flow(true, r.a, EventKind::Start, pid, ts);
        break;
    }
    case RecordKind::SleepBegin:
        sink.begin(pid, ts, EventKind::Sleep, r.a, 0);
        break;
    case RecordKind::SleepEnd:
        sink.end(pid, ts, EventKind::Sleep, 0);
        break;
    case RecordKind::JoinBegin:
        sink.begin(pid, ts, EventKind::Join, r.a, r.b);
        break;
    case RecordKind::JoinEnd:
        sink.end(pid, ts, EventKind::Join, store::FlagEndArgs | (r.b != 0 ? store::FlagEnd1 : 0));
        break;
    case RecordKind::Terminate:
    case RecordKind::Kill:
        sink.instant(pid, ts, r.kind == RecordKind::Kill ? EventKind::Kill : EventKind::Terminate, r.a,
                     r.b, 0);
        break;
    case RecordKind::Exit: {
        if (m_exited.contains(pid))
            break; // the process's own record came first; this one is its reaper's
        m_exited.insert(pid);
        const bool atReap = (r.b & ExitSeenAtReap) != 0;
        sink.instant(pid, ts, EventKind::Exit, r.a, r.b & ExitSeenAtReap, 0);
        sink.end(pid, ts, EventKind::Running, 0);
        if (!atReap) {
            sink.begin(pid, ts, EventKind::Zombie, 0, 0);
            m_zombieOpen.insert(pid);
        }
        break;
    }
    case RecordKind::Reaped:
        if (m_zombieOpen.remove(pid))
            sink.end(pid, ts, EventKind::Zombie, 0);
        m_reaped.insert(pid);
        if (m_stateOpen.remove(pid)) // the sampled state track ends here
            sink.state(pid, ts, int(SampledState::Gone));
        sink.instant(pid, ts, EventKind::Reaped, r.a, r.b, 0);
        break;
    case RecordKind::DaemonTerminated:
        sink.instant(pid, ts, EventKind::DaemonTerminated, r.a, 0, 0);
        break;
    case RecordKind::Error:
    case RecordKind::Stdout:
        sink.instant(pid, ts, r.kind == RecordKind::Error ? EventKind::Error : EventKind::Stdout, 0,
                     eventargs::packText(sink.uniqueText(text)),
                     r.kind == RecordKind::Stdout && r.b == 2 ? store::FlagAlt : 0); // b 2: stderr
        break;
    case RecordKind::Reparent:
        sink.instant(pid, ts, EventKind::Reparent, r.a, r.b, 0);
        break;
    case RecordKind::Summary: {
        QJsonParseError err{};
        const QJsonDocument doc =
            QJsonDocument::fromJson(QByteArray(text.data(), qsizetype(text.size())), &err);
        if (doc.isObject())
            sink.summary(doc.object());
        break;
    }
    case RecordKind::RunEnd:
        sink.runStatus(runStatusName(r.a));
        break;
    case RecordKind::ObjectDecl:
        if (ObjectType(r.b) == ObjectType::SourceFile)
            m_sourceFiles.insert(r.a, textId());
        else
            sink.object(r.a, text);
        break;
    case RecordKind::SourceLoc: // taken by decodeOne
        break;
    case RecordKind::ProcRename: {
        EventStore::ProcessInfo info;
        info.name = QString::fromUtf8(text.data(), qsizetype(text.size()));
        sink.process(pid, ts, info);
        break;
    }
    case RecordKind::SyncWaitBegin: {
        const EventKind k = syncWaitKind(r.b);
        m_syncWaits[pid].push_back(k);
        sink.begin(pid, ts, k, r.a, 0);
        break;
    }
    case RecordKind::SyncWaitEnd: {
        std::vector<EventKind> &open = m_syncWaits[pid];
        if (!open.empty()) {
            const EventKind k = open.back();
            open.pop_back();
            sink.end(pid, ts, k, store::FlagEndArgs | (r.b != 0 ? store::FlagEnd1 : 0));
        }
        break;
    }
    case RecordKind::SyncOp:
        sink.instant(pid, ts, syncOpKind(r.b), r.a, 0, 0);
        break;
    case RecordKind::TaskBegin:
        sink.begin(pid, ts, EventKind::Task, r.a, eventargs::packText(textId()));
        break;
    case RecordKind::TaskEnd:
        sink.end(pid, ts, EventKind::Task, store::FlagEndArgs | (r.b != 0 ? store::FlagEnd1 : 0));
        break;
    case RecordKind::FileOpen:
        sink.instant(pid, ts, EventKind::Open, r.a, eventargs::packText(textId()), 0);
        break;
    case RecordKind::OutputCut:
        sink.instant(pid, ts, EventKind::OutputCut, r.a, 0, 0);
        break;
    case RecordKind::SharedName:
        sink.sharedName(text);
        break;
    case RecordKind::LockWaitBegin:
        sink.begin(pid, ts, EventKind::WaitLock, r.a, 0);
        break;
    case RecordKind::LockWaitEnd:
        sink.end(pid, ts, EventKind::WaitLock, 0);
        if (r.b != 0)
            sink.instant(pid, ts, EventKind::LockOwnerDied, r.a, r.b, 0);
        break;
    case RecordKind::LockHoldBegin:
        sink.begin(pid, ts, EventKind::HoldLock, r.a, 0);
        break;
    case RecordKind::LockHoldEnd:
        sink.end(pid, ts, EventKind::HoldLock, 0);
        break;
    case RecordKind::Read:
    case RecordKind::Write:
        sink.instant(pid, ts, r.kind == RecordKind::Read ? EventKind::Read : EventKind::Write, r.a,
                     r.b, 0);
        break;
    case RecordKind::QueuePut:
    case RecordKind::QueueGet: {
        const qint64 b = stringOf(r.a) && !sentinelOf(r.a) ? eventargs::packText(textId()) : r.b;
        sink.instant(pid, ts, r.kind == RecordKind::QueuePut ? EventKind::Put : EventKind::Get, r.a,
                     b, sentinelOf(r.a) ? store::FlagSentinel : 0);
        sink.queueDepth(m_mainPid ? m_mainPid : pid, ts, queueOf(r.a), qint64(depthOf(r.a)));
        break;
    }
    case RecordKind::QueueWaitBegin:
    case RecordKind::QueueWaitEnd: {
        const EventKind k = QueueWait(r.b) == QueueWait::Put   ? EventKind::WaitPut
                            : QueueWait(r.b) == QueueWait::Get ? EventKind::WaitGet
                                                               : EventKind::WaitJoinQueue;
        if (r.kind == RecordKind::QueueWaitBegin)
            sink.begin(pid, ts, k, r.a, 0);
        else
            sink.end(pid, ts, k, 0);
        break;
    }
    case RecordKind::QueueTaskDone:
        sink.instant(pid, ts, EventKind::TaskDone, r.a, 0, 0);
        break;
    case RecordKind::PipeSend:
    case RecordKind::PipeRecv: {
        const bool send = r.kind == RecordKind::PipeSend;
        const PipeItem item = pipeItemOf(r.a);
        const qint64 b = item == PipeItem::String || item == PipeItem::List
                             ? eventargs::packText(textId())
                             : r.b;
        sink.instant(pid, ts, send ? EventKind::Send : EventKind::Recv, r.a, b, 0);
        sink.flow(send, pipeFlowId(r.a), EventKind::Send, pid, ts);
        break;
    }
    case RecordKind::PipeWait:
        if (r.b)
            sink.begin(pid, ts, EventKind::WaitRecv, r.a, 0);
        else
            sink.end(pid, ts, EventKind::WaitRecv, 0);
        break;
    case RecordKind::PipeClose:
    case RecordKind::PipeEof:
        sink.instant(pid, ts, r.kind == RecordKind::PipeEof ? EventKind::Eof : EventKind::PipeClose,
                     r.a, r.b, 0);
        break;
    case RecordKind::ManagerCallBegin:
        sink.begin(pid, ts, EventKind::ManagerCall, r.a, eventargs::packText(textId()));
        break;
    case RecordKind::ManagerCallEnd:
        sink.end(pid, ts, EventKind::ManagerCall,
                 store::FlagEndArgs | (r.b != 0 ? store::FlagEnd1 : 0));
        break;
    case RecordKind::ManagerServe:
        sink.instant(pid, ts, EventKind::ManagerServe, eventargs::packServe(r.a, r.b),
                     eventargs::packText(textId()), 0);
        break;
    case RecordKind::Phase:
        if (r.b)
            sink.begin(pid, ts, EventKind::Phase, 0, eventargs::packText(textId()));
        else
            sink.end(pid, ts, EventKind::Phase, 0);
        break;
    case RecordKind::ProcState: {
        // A sample read just before the reap can reach us after it: drop it.
        if (m_reaped.contains(pid))
            break;
        const SampledState st = sampledStateFromProc(char(r.a));
        sink.state(pid, ts, int(st));
        if (st == SampledState::Gone)
            m_stateOpen.remove(pid);
        else
            m_stateOpen.insert(pid);
        break;
    }
    case RecordKind::ProcCpu:
        if (!m_reaped.contains(pid))
            sink.cpu(pid, ts, int(r.a));
        break;
    case RecordKind::ProcCpuTime:
        // One key per counter (Perfetto draws each key as its own track): the
        // window is the sampler's fixed one, ending at this event.
        if (!m_reaped.contains(pid) && r.b > 0)
            sink.cpuShare(pid, ts, int(std::clamp<std::int64_t>((r.a * 100 + r.b / 2) / r.b, 0, 100)));
        break;
    case RecordKind::Affinity:
        sink.instant(pid, ts, EventKind::Affinity, r.a, r.b, 0);
        break;
    case RecordKind::Invalid:
    case RecordKind::TextChunk:
        break;
    }
}

} // namespace proclab
