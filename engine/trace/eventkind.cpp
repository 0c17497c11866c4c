#include "eventkind.h"

#include "traceevent.h"

#include <QHash>
#include <array>

namespace proclab::eventkind {

namespace {

struct Info
{
    const QString *name;
    KindClass cls;
};

const std::array<Info, std::size_t(EventKind::Count)> &table()
{
    static const QString empty;
    static const std::array<Info, std::size_t(EventKind::Count)> t = [] {
        std::array<Info, std::size_t(EventKind::Count)> a{};
        a.fill({&empty, KindClass::None});
        auto set = [&](EventKind k, const QString &n, KindClass c) { a[std::size_t(k)] = {&n, c}; };
        set(EventKind::Running, ev::Running, KindClass::Interval);
        set(EventKind::Sleep, ev::Sleep, KindClass::Interval);
        set(EventKind::Join, ev::Join, KindClass::Interval);
        set(EventKind::Zombie, ev::Zombie, KindClass::Interval);
        set(EventKind::WaitLock, ev::WaitLock, KindClass::Interval);
        set(EventKind::HoldLock, ev::HoldLock, KindClass::Interval);
        set(EventKind::WaitPut, ev::WaitPut, KindClass::Interval);
        set(EventKind::WaitGet, ev::WaitGet, KindClass::Interval);
        set(EventKind::WaitJoinQueue, ev::WaitJoinQueue, KindClass::Interval);
        set(EventKind::WaitRecv, ev::WaitRecv, KindClass::Interval);
        set(EventKind::ManagerCall, ev::ManagerCall, KindClass::Interval);
        set(EventKind::Phase, ev::Phase, KindClass::Interval);
        set(EventKind::WaitEvent, ev::WaitEvent, KindClass::Interval);
        set(EventKind::WaitCondition, ev::WaitCondition, KindClass::Interval);
        set(EventKind::WaitBarrier, ev::WaitBarrier, KindClass::Interval);
        set(EventKind::Task, ev::Task, KindClass::Interval);
        set(EventKind::Start, ev::Start, KindClass::Marker);
        set(EventKind::Exit, ev::Exit, KindClass::Marker);
        set(EventKind::Terminate, ev::Terminate, KindClass::Marker);
        set(EventKind::Kill, ev::Kill, KindClass::Marker);
        set(EventKind::Reaped, ev::Reaped, KindClass::Marker);
        set(EventKind::Reparent, ev::Reparent, KindClass::Marker);
        set(EventKind::DaemonTerminated, ev::DaemonTerminated, KindClass::Marker);
        set(EventKind::Error, ev::Error, KindClass::Marker);
        set(EventKind::Stdout, ev::Stdout, KindClass::Marker);
        set(EventKind::LockOwnerDied, ev::LockOwnerDied, KindClass::Marker);
        set(EventKind::Read, ev::Read, KindClass::Marker);
        set(EventKind::Write, ev::Write, KindClass::Marker);
        set(EventKind::LostUpdate, ev::LostUpdate, KindClass::Marker);
        set(EventKind::Put, ev::Put, KindClass::Marker);
        set(EventKind::Get, ev::Get, KindClass::Marker);
        set(EventKind::TaskDone, ev::TaskDone, KindClass::Marker);
        set(EventKind::Send, ev::Send, KindClass::Marker);
        set(EventKind::Recv, ev::Recv, KindClass::Marker);
        set(EventKind::PipeClose, ev::PipeClose, KindClass::Marker);
        set(EventKind::Eof, ev::Eof, KindClass::Marker);
        set(EventKind::ManagerServe, ev::ManagerServe, KindClass::Marker);
        set(EventKind::Affinity, ev::Affinity, KindClass::Marker);
        static const QString set_ = QStringLiteral("set"), clear = QStringLiteral("clear"),
                             notify = QStringLiteral("notify"),
                             notifyAll = QStringLiteral("notify_all"),
                             abort = QStringLiteral("abort"), reset = QStringLiteral("reset");
        set(EventKind::SyncSet, set_, KindClass::Marker);
        set(EventKind::SyncClear, clear, KindClass::Marker);
        set(EventKind::SyncNotify, notify, KindClass::Marker);
        set(EventKind::SyncNotifyAll, notifyAll, KindClass::Marker);
        set(EventKind::SyncAbort, abort, KindClass::Marker);
        set(EventKind::SyncReset, reset, KindClass::Marker);
        set(EventKind::Open, ev::Open, KindClass::Marker);
        set(EventKind::OutputCut, ev::OutputCut, KindClass::Marker);
        set(EventKind::State, ev::State, KindClass::Counter);
        set(EventKind::Cpu, ev::Cpu, KindClass::Counter);
        set(EventKind::CpuShare, ev::CpuShare, KindClass::Counter);
        set(EventKind::QueueDepth, empty, KindClass::Counter);
        set(EventKind::ProcessName, ev::ProcessName, KindClass::Meta);
        set(EventKind::Other, empty, KindClass::Any);
        return a;
    }();
    return t;
}

} // namespace

const QString &name(EventKind k)
{
    return *table()[std::size_t(k) < table().size() ? std::size_t(k) : 0].name;
}

EventKind fromName(const QString &n)
{
    static const QHash<QString, EventKind> byName = [] {
        QHash<QString, EventKind> h;
        for (std::size_t i = 1; i < std::size_t(EventKind::Count); ++i)
            if (!table()[i].name->isEmpty())
                h.insert(*table()[i].name, EventKind(i));
        return h;
    }();
    const auto it = byName.constFind(n);
    if (it != byName.constEnd())
        return *it;
    if (n.startsWith(ev::QueueCounterPrefix))
        return EventKind::QueueDepth;
    return EventKind::Other;
}

KindClass classOf(EventKind k)
{
    return table()[std::size_t(k) < table().size() ? std::size_t(k) : 0].cls;
}

bool isNotableMarker(EventKind k)
{
    switch (k) {
    case EventKind::Read:
    case EventKind::Write:
    case EventKind::LostUpdate:
    case EventKind::Put:
    case EventKind::Get:
    case EventKind::TaskDone:
    case EventKind::Send:
    case EventKind::Recv:
    case EventKind::ManagerServe:
    case EventKind::Stdout:
        return false;
    default:
        return classOf(k) == KindClass::Marker || k == EventKind::Other;
    }
}

bool isBlocking(EventKind k)
{
    switch (k) {
    case EventKind::Sleep:
    case EventKind::Join:
    case EventKind::ManagerCall:
    case EventKind::WaitLock:
    case EventKind::WaitPut:
    case EventKind::WaitGet:
    case EventKind::WaitJoinQueue:
    case EventKind::WaitRecv:
    case EventKind::WaitEvent:
    case EventKind::WaitCondition:
    case EventKind::WaitBarrier:
        return true;
    default:
        return false;
    }
}

} // namespace proclab::eventkind
