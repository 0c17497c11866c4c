#pragma once
// What an event is, as one byte: the compact event store keeps this instead
// of the event's name. Every kind has one stable name (ev::Running, ...);
// names the store does not know (opened traces, future events) are kept as
// EventKind::Other with the name beside them.
//
// Adding a kind: one enumerator below (before Count), its name and class in
// eventkind.cpp, its arguments in eventargs.cpp, the record that makes it in
// RecordDecoder, and how it looks (colour, legend, tooltip) in
// gui/timeline/eventstyle.cpp. Numbers are not part of any file format (traces carry
// names), so kinds may be inserted anywhere.

#include <QString>
#include <cstdint>

namespace proclab {

enum class EventKind : std::uint8_t
{
    None = 0,
    // Intervals (B/E pairs or X).
    Running,
    Sleep,
    Join,
    Zombie,
    WaitLock,
    HoldLock,
    WaitPut,
    WaitGet,
    WaitJoinQueue,
    WaitRecv,
    ManagerCall,
    Phase,
    WaitEvent,     // Python: Event.wait()
    WaitCondition, // Python: Condition.wait()
    WaitBarrier,   // Python: Barrier.wait()
    Task,          // Python: a Pool worker runs one task
    // Instants (markers).
    Start,
    Exit,
    Terminate,
    Kill,
    Reaped,
    Reparent,
    DaemonTerminated,
    Error,
    Stdout,
    LockOwnerDied,
    Read,
    Write,
    LostUpdate,
    Put,
    Get,
    TaskDone,
    Send,
    Recv,
    PipeClose,
    Eof,
    ManagerServe,
    Affinity,
    SyncSet, // Python's Event / Condition / Barrier operations (SyncOpKind)
    SyncClear,
    SyncNotify,
    SyncNotifyAll,
    SyncAbort,
    SyncReset,
    Open,      // Python: a file opened
    OutputCut, // Python: a process printed more than is kept
    // Counters.
    State,
    Cpu,
    CpuShare,
    QueueDepth, // "queue NAME": the name comes from the queue
    // Meta.
    ProcessName,
    // Anything else: the event's own name is stored with it.
    Other,
    Count
};

enum class KindClass : std::uint8_t
{
    None,
    Interval,
    Marker,
    Counter,
    Meta,
    Any, // Other: whatever phase the event had
};

namespace eventkind {

const QString &name(EventKind k); // ev::Running, ...; empty for None / Other
EventKind fromName(const QString &name); // Other if unknown; QueueDepth for "queue ..."
KindClass classOf(EventKind k);
// Markers drawn one by one with a label (start, exit, error, ...), kept in a
// lane's small "notable" list; the bulk (read, write, put, ...) is drawn per
// pixel column. A None-sentinel put/get is notable too (see EventStore).
bool isNotableMarker(EventKind k);
// Blocked intervals: the process waits for something (sleep, join, wait:*, manager:call).
bool isBlocking(EventKind k);

// One bit per kind for a 64-bit mask (kinds from 63 on share the last bit).
inline std::uint64_t bit(EventKind k)
{
    const unsigned v = unsigned(k);
    return std::uint64_t(1) << (v < 63 ? v : 63);
}

} // namespace eventkind

} // namespace proclab
