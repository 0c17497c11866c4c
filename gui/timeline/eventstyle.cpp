// SPDX-License-Identifier: MIT
#include "eventstyle.h"

#include "traceevent.h"

#include <QCoreApplication>
#include <vector>

namespace proclab {

namespace {

using P = TimelinePalette;
using G = LegendGroup;
using Gl = LegendGlyph;

// Okabe–Ito colours (timelinepalette.h); every state also differs by shape or
// pattern. Order: the legend's (most important first); entries the legend
// never shows anywhere.
const std::vector<EventStyle> &table()
{
    // One entry: name, kind, state, colour, legend group and glyph; legend texts; tooltip.
    // clang-format off
    static const std::vector<EventStyle> t = {
        // Intervals (bars).
        {&ev::Running, EventKind::Running, {}, &P::running, G::Always, Gl::Swatch,
         QT_TRANSLATE_NOOP("TimelineLegend", "running"), QT_TRANSLATE_NOOP("EventStyle", "running"),
         QT_TRANSLATE_NOOP("EventStyle", "alive"), {}},
        {&ev::Sleep, EventKind::Sleep, {}, &P::sleeping, G::Always, Gl::Swatch,
         QT_TRANSLATE_NOOP("TimelineLegend", "sleep"), QT_TRANSLATE_NOOP("EventStyle", "sleeping"),
         QT_TRANSLATE_NOOP("EventStyle", "sleeping %1 ms"), {"ms"}},
        // join(): the tooltip adds the timeout and whether it was implicit (timelinetooltip.cpp).
        {&ev::Join, EventKind::Join, {}, &P::blockedJoin, G::Joins, Gl::Swatch,
         QT_TRANSLATE_NOOP("TimelineLegend", "join()"), QT_TRANSLATE_NOOP("EventStyle", "blocked in join()"),
         nullptr, {}},
        {&ev::Zombie, EventKind::Zombie, {}, &P::zombie, G::Zombies, Gl::Hatched,
         QT_TRANSLATE_NOOP("TimelineLegend", "zombie"), QT_TRANSLATE_NOOP("EventStyle", "zombie (exited, not reaped)"),
         QT_TRANSLATE_NOOP("EventStyle", "zombie: exited, waiting to be reaped"), {}},
        {&ev::WaitLock, EventKind::WaitLock, {}, &P::waitLock, G::Locks, Gl::Swatch,
         QT_TRANSLATE_NOOP("TimelineLegend", "lock wait"), QT_TRANSLATE_NOOP("EventStyle", "waiting for a lock"),
         QT_TRANSLATE_NOOP("EventStyle", "waiting for %1"), {"lock"}},
        {&ev::HoldLock, EventKind::HoldLock, {}, &P::holdLock, G::Locks, Gl::Swatch,
         QT_TRANSLATE_NOOP("TimelineLegend", "lock held"), QT_TRANSLATE_NOOP("EventStyle", "holding a lock"),
         QT_TRANSLATE_NOOP("EventStyle", "holding %1"), {"lock"}},
        {&ev::WaitPut, EventKind::WaitPut, {}, &P::waitPut, G::Queues, Gl::Swatch,
         QT_TRANSLATE_NOOP("TimelineLegend", "put() full"), QT_TRANSLATE_NOOP("EventStyle", "put() blocked: queue full"),
         QT_TRANSLATE_NOOP("EventStyle", "put() blocked: %1 is full"), {"queue"}},
        {&ev::WaitGet, EventKind::WaitGet, {}, &P::waitGet, G::Queues, Gl::Swatch,
         QT_TRANSLATE_NOOP("TimelineLegend", "get() empty"), QT_TRANSLATE_NOOP("EventStyle", "get() blocked: queue empty"),
         QT_TRANSLATE_NOOP("EventStyle", "get() blocked: %1 is empty"), {"queue"}},
        // Blocked on an empty channel: coloured as get() on an empty queue.
        {&ev::WaitRecv, EventKind::WaitRecv, {}, &P::waitGet, G::Pipes, Gl::Swatch,
         QT_TRANSLATE_NOOP("TimelineLegend", "recv() wait"), QT_TRANSLATE_NOOP("EventStyle", "recv() blocked: pipe empty"),
         nullptr, {}},
        {&ev::WaitJoinQueue, EventKind::WaitJoinQueue, {}, &P::blockedJoin, G::None, Gl::Swatch,
         nullptr, QT_TRANSLATE_NOOP("EventStyle", "blocked in queue.join()"),
         nullptr, {}},
        // Waits on Event / Condition / Barrier: neutral grey, as nothing else
        // is, with the object's name on the bar when it fits.
        {&ev::WaitEvent, EventKind::WaitEvent, {}, &P::syncWait, G::Present, Gl::Swatch,
         QT_TRANSLATE_NOOP("TimelineLegend", "Event wait"), QT_TRANSLATE_NOOP("EventStyle", "Event.wait(): blocked until the event is set"),
         QT_TRANSLATE_NOOP("EventStyle", "waiting for %1 to be set"), {"object"}},
        {&ev::WaitCondition, EventKind::WaitCondition, {}, &P::syncWait, G::Present, Gl::Swatch,
         QT_TRANSLATE_NOOP("TimelineLegend", "Condition wait"), QT_TRANSLATE_NOOP("EventStyle", "Condition.wait(): blocked until notified"),
         QT_TRANSLATE_NOOP("EventStyle", "waiting on %1 to be notified"), {"object"}},
        {&ev::WaitBarrier, EventKind::WaitBarrier, {}, &P::syncWait, G::Present, Gl::Swatch,
         QT_TRANSLATE_NOOP("TimelineLegend", "barrier wait"), QT_TRANSLATE_NOOP("EventStyle", "Barrier.wait(): blocked until every party has arrived"),
         QT_TRANSLATE_NOOP("EventStyle", "waiting at %1 for the other parties"), {"object"}},
        // Marks on the lanes: every run has start, exit and reaped. exit, error,
        // put/get and affinity: the tooltip composes their text (timelinetooltip.cpp).
        {&ev::Start, EventKind::Start, {}, &P::startArrow, G::Always, Gl::Dot,
         QT_TRANSLATE_NOOP("TimelineLegend", "start()"), QT_TRANSLATE_NOOP("EventStyle", "start(): the parent starts this child (arrow from the parent)"),
         QT_TRANSLATE_NOOP("EventStyle", "start(): created %1 (pid %2, %3)"), {"child", "child_pid", "method"}},
        {&ev::Exit, EventKind::Exit, {}, &P::exitMark, G::Always, Gl::Bar,
         QT_TRANSLATE_NOOP("TimelineLegend", "exit"), QT_TRANSLATE_NOOP("EventStyle", "exit: the process ended, with its exit code"),
         nullptr, {}},
        {&ev::Reaped, EventKind::Reaped, {}, &P::reapedMark, G::Always, Gl::Tick,
         QT_TRANSLATE_NOOP("TimelineLegend", "reaped"), QT_TRANSLATE_NOOP("EventStyle", "reaped: its parent (or the runner) collected the exit code"),
         QT_TRANSLATE_NOOP("EventStyle", "reaped by %1 (state before: %2)"), {"by", "proc_state"}},
        {&ev::Terminate, EventKind::Terminate, {}, &P::signalMark, G::Signalled, Gl::Cross,
         QT_TRANSLATE_NOOP("TimelineLegend", "kill"), QT_TRANSLATE_NOOP("EventStyle", "terminate() / kill(): a signal was sent"),
         QT_TRANSLATE_NOOP("EventStyle", "%1() sent signal %2 to %3"), {"@name", "signal", "target"}},
        {&ev::Kill, EventKind::Kill, {}, &P::signalMark, G::None, Gl::Cross,
         nullptr, nullptr,
         QT_TRANSLATE_NOOP("EventStyle", "%1() sent signal %2 to %3"), {"@name", "signal", "target"}},
        {&ev::DaemonTerminated, EventKind::DaemonTerminated, {}, &P::signalMark, G::None, Gl::Cross,
         nullptr, nullptr,
         QT_TRANSLATE_NOOP("EventStyle", "daemon terminated when %1's code ended"), {"by"}},
        {&ev::Error, EventKind::Error, {}, &P::errorMark, G::Errors, Gl::Triangle,
         QT_TRANSLATE_NOOP("TimelineLegend", "error"), QT_TRANSLATE_NOOP("EventStyle", "error: an exception was raised"),
         nullptr, {}},
        {&ev::Reparent, EventKind::Reparent, {}, &P::startArrow, G::Reparent, Gl::Dashed,
         QT_TRANSLATE_NOOP("TimelineLegend", "new parent"), QT_TRANSLATE_NOOP("EventStyle", "new parent: an orphan adopted by the runner"),
         QT_TRANSLATE_NOOP("EventStyle", "parent changed from pid %1 to pid %2 (seen in /proc)"), {"old_ppid", "new_ppid"}},
        {&ev::Put, EventKind::Put, {}, &P::running, G::Queues, Gl::ReadWrite,
         QT_TRANSLATE_NOOP("TimelineLegend", "put/get"), QT_TRANSLATE_NOOP("EventStyle", "put (white tick) / get (black tick) on the queue"),
         nullptr, {}},
        {&ev::Put, EventKind::Put, {}, &P::sentinel, G::Queues, Gl::Diamond,
         QT_TRANSLATE_NOOP("TimelineLegend", "None"), QT_TRANSLATE_NOOP("EventStyle", "None: the sentinel that tells a consumer to stop"),
         nullptr, {}, true},
        {&ev::Get, EventKind::Get, {}, &P::writeMark, G::None, Gl::ReadWrite,
         nullptr, nullptr,
         nullptr, {}},
        {&ev::Read, EventKind::Read, {}, &P::running, G::Values, Gl::ReadWrite,
         QT_TRANSLATE_NOOP("TimelineLegend", "read/write"), QT_TRANSLATE_NOOP("EventStyle", "read (white tick) / write (black tick) of a shared value"),
         QT_TRANSLATE_NOOP("EventStyle", "%1 %2 = %3 (write #%4)"), {"@name", "object", "value", "version"}},
        {&ev::Write, EventKind::Write, {}, &P::writeMark, G::None, Gl::ReadWrite,
         nullptr, nullptr,
         QT_TRANSLATE_NOOP("EventStyle", "%1 %2 = %3 (write #%4)"), {"@name", "object", "value", "version"}},
        {&ev::LostUpdate, EventKind::LostUpdate, {}, &P::lostUpdate, G::Values, Gl::Lost,
         QT_TRANSLATE_NOOP("TimelineLegend", "lost update"), QT_TRANSLATE_NOOP("EventStyle", "lost update: this write erased another process's update"),
         nullptr, {}},
        {&ev::CpuShare, EventKind::CpuShare, {}, &P::offCpu, G::CpuShares, Gl::Swatch,
         QT_TRANSLATE_NOOP("TimelineLegend", "off CPU"), QT_TRANSLATE_NOOP("EventStyle", "pale: running but not on a CPU (sampled share)"),
         nullptr, {}},
        {&ev::Stdout, EventKind::Stdout, {}, &P::stdoutMark, G::None, Gl::Tick,
         nullptr, nullptr,
         QT_TRANSLATE_NOOP("EventStyle", "printed: %1"), {"text"}},
        {&ev::TaskDone, EventKind::TaskDone, {}, &P::other, G::None, Gl::Tick,
         nullptr, nullptr,
         QT_TRANSLATE_NOOP("EventStyle", "task_done() on %1: %2 unfinished"), {"queue", "unfinished"}},
        {&ev::LockOwnerDied, EventKind::LockOwnerDied, {}, &P::other, G::None, Gl::Tick,
         nullptr, nullptr,
         QT_TRANSLATE_NOOP("EventStyle", "the holder of %1, %2, died without releasing it: lock recovered"), {"lock", "owner"}},
        {&ev::Affinity, EventKind::Affinity, {}, &P::other, G::None, Gl::Tick,
         nullptr, nullptr,
         nullptr, {}},
        // Sampled /proc states: the band under the bars. The letter is what ps and
        // /proc show; R is "runnable": on a CPU or waiting for one (four workers
        // pinned to one core are all R, each running a quarter of the time).
        {&ev::StateRunning, EventKind::State, SampledState::Running, &P::procRunning, G::States, Gl::Band,
         nullptr, QT_TRANSLATE_NOOP("EventStyle", "R running/ready"),
         nullptr, {}},
        {&ev::StateSleeping, EventKind::State, SampledState::Sleeping, &P::procSleeping, G::States, Gl::Band,
         nullptr, QT_TRANSLATE_NOOP("EventStyle", "S sleeping"),
         nullptr, {}},
        {&ev::StateDisk, EventKind::State, SampledState::Disk, &P::procDisk, G::States, Gl::Band,
         nullptr, QT_TRANSLATE_NOOP("EventStyle", "D disk wait"),
         nullptr, {}},
        {&ev::StateZombie, EventKind::State, SampledState::Zombie, &P::procZombie, G::States, Gl::Band,
         nullptr, QT_TRANSLATE_NOOP("EventStyle", "Z zombie"),
         nullptr, {}},
        {&ev::StateStopped, EventKind::State, SampledState::Stopped, &P::procStopped, G::States, Gl::Band,
         nullptr, QT_TRANSLATE_NOOP("EventStyle", "T stopped"),
         nullptr, {}},
    };
    // clang-format on
    return t;
}

const EventStyle &blank()
{
    static const EventStyle b;
    return b;
}

struct Index
{
    std::array<const EventStyle *, std::size_t(EventKind::Count)> byKind{};
    std::array<const EventStyle *, 6> byState{};
};

const Index &index()
{
    static const Index i = [] {
        Index x;
        x.byKind.fill(&blank());
        x.byState.fill(&blank());
        // The first entry of a kind is its own; later ones are legend variants.
        for (const EventStyle &s : table()) {
            if (s.kind == EventKind::State)
                x.byState[std::size_t(s.state)] = &s;
            else if (!s.sentinel && x.byKind[std::size_t(s.kind)] == &blank())
                x.byKind[std::size_t(s.kind)] = &s;
        }
        return x;
    }();
    return i;
}

} // namespace

QString EventStyle::shortLabel() const
{
    if (legendShort) // the legend's own context: the same words, shorter, as in its tr()
        return QCoreApplication::translate("TimelineLegend", legendShort);
    // A sampled state: its letter ("R", "S", ...).
    return legendFull && kind == EventKind::State ? fullLabel().section(QLatin1Char(' '), 0, 0)
                                                  : QString();
}

QString EventStyle::fullLabel() const
{
    if (legendFull)
        return QCoreApplication::translate("EventStyle", legendFull);
    return name ? *name : QString();
}

QString EventStyle::tipPattern() const
{
    return tip ? QCoreApplication::translate("EventStyle", tip) : QString();
}

namespace eventstyle {

std::span<const EventStyle> all()
{
    return table();
}

const EventStyle &of(EventKind k)
{
    return *index().byKind[std::size_t(k)];
}

const EventStyle &of(SampledState s)
{
    const auto i = std::size_t(s);
    return i < index().byState.size() ? *index().byState[i] : blank();
}

const EventStyle &of(const QString &name)
{
    const EventKind k = eventkind::fromName(name);
    if (k != EventKind::Other)
        return of(k);
    for (const EventStyle *s : index().byState)
        if (s->name && *s->name == name)
            return *s;
    return blank();
}

QColor stateColour(const TimelinePalette &p, const QString &stateName)
{
    const EventStyle &s = of(stateName);
    return s.kind == EventKind::State ? s.colourIn(p) : p.other;
}

} // namespace eventstyle

} // namespace proclab
