#pragma once
// One event of a run, in the shape of a Chrome Trace Event (see
// shared/design/TRACE-FORMAT.md). Live runs produce these from ring records
// (RecordDecoder); opened files produce them from JSON (ChromeTraceReader).
// Live intervals travel as Begin/End pairs; the JSON writer joins them into
// "X" (Complete), which the reader keeps whole.

#include <QJsonObject>
#include <QString>
#include <QVector>

namespace proclab {

struct TraceEvent
{
    enum Phase : char
    {
        Begin = 'B',
        End = 'E',
        Complete = 'X', // an interval known whole (opened traces); dur holds its length
        Instant = 'i',
        Counter = 'C',
        Meta = 'M',
        FlowStart = 's',
        FlowEnd = 'f',
    };

    double ts = 0; // microseconds since the run's start
    qint64 pid = 0;
    Phase ph = Instant;
    QString name;
    QJsonObject args;
    qint64 id = 0;   // flows only
    double dur = -1; // Complete only, microseconds

    bool operator==(const TraceEvent &o) const = default;
};

using TraceEvents = QVector<TraceEvent>;

// Stable event names (TRACE-FORMAT.md). Use these, never string literals.
namespace ev {
inline const QString ProcessName = QStringLiteral("process_name");
inline const QString SortIndex = QStringLiteral("process_sort_index");
inline const QString Running = QStringLiteral("running");
inline const QString Sleep = QStringLiteral("sleep");
inline const QString Join = QStringLiteral("join");
inline const QString Zombie = QStringLiteral("zombie");
inline const QString Start = QStringLiteral("start");
inline const QString Terminate = QStringLiteral("terminate");
inline const QString Kill = QStringLiteral("kill");
inline const QString Exit = QStringLiteral("exit");
inline const QString Reaped = QStringLiteral("reaped");
inline const QString Reparent = QStringLiteral("reparent");
inline const QString DaemonTerminated = QStringLiteral("daemon-terminated");
inline const QString Error = QStringLiteral("error");
inline const QString Stdout = QStringLiteral("stdout");
inline const QString WaitLock = QStringLiteral("wait:lock");
inline const QString HoldLock = QStringLiteral("hold:lock");
inline const QString LockOwnerDied = QStringLiteral("lock-owner-died");
inline const QString Read = QStringLiteral("read");
inline const QString Write = QStringLiteral("write");
inline const QString LostUpdate = QStringLiteral("lost-update");
inline const QString Put = QStringLiteral("put");
inline const QString Get = QStringLiteral("get");
inline const QString WaitPut = QStringLiteral("wait:put");
inline const QString WaitGet = QStringLiteral("wait:get");
inline const QString WaitJoinQueue = QStringLiteral("wait:join-queue");
inline const QString TaskDone = QStringLiteral("task_done");
inline const QString QueueCounterPrefix = QStringLiteral("queue "); // "queue q": its depth
inline const QString Send = QStringLiteral("send");          // pipe; also its send -> recv arrow
inline const QString Recv = QStringLiteral("recv");          // pipe
inline const QString WaitRecv = QStringLiteral("wait:recv"); // recv() blocked on an empty pipe
inline const QString PipeClose = QStringLiteral("close");    // a pipe end closed
inline const QString Eof = QStringLiteral("eof");            // recv() raised EOFError
inline const QString ManagerCall = QStringLiteral("manager:call");   // proxy waits for the server
inline const QString ManagerServe = QStringLiteral("manager:serve"); // the server handles a call
inline const QString Phase = QStringLiteral("phase"); // a lab's named phase; args: name
// Python programs (the CPython engine). Events of a Python run carry `file`
// and `line` in their args: where in the program they happened.
inline const QString WaitEvent = QStringLiteral("wait:event");         // Event.wait()
inline const QString WaitCondition = QStringLiteral("wait:condition"); // Condition.wait()
inline const QString WaitBarrier = QStringLiteral("wait:barrier");     // Barrier.wait()
inline const QString Task = QStringLiteral("task"); // a Pool worker runs one task; args: function
inline const QString Open = QStringLiteral("open"); // a file opened; args: path, mode
inline const QString OutputCut = QStringLiteral("output-cut"); // printed more than is kept
// Sampled from /proc by the runner (see sampledstate.h). Both are counters
// (ph C, one key): `state` {"state": SampledState code}, `cpu` {"cpu": core}.
// Counters, not X slices, because a sampled state overlaps the lane's other
// intervals (sleep, join, ...) and Perfetto requires X slices on one
// pid/tid to nest; a counter needs no nesting and reopens into the same model.
inline const QString State = QStringLiteral("state");
inline const QString Cpu = QStringLiteral("cpu");
inline const QString Affinity = QStringLiteral("affinity"); // i: cpus, mask, ok
// C at the end of a sampled window (kShareWindowUs, or from the previous
// cpu_share of the lane if that ended less than 1.5 windows before):
// {"cpu_share": % of one CPU the process used in it, 0-100}.
inline const QString CpuShare = QStringLiteral("cpu_share");
inline constexpr double kShareWindowUs = 100'000; // = ProcSampler::kShareWindowNs
// Names of the sampled states as the model and the views show them
// (Lane::states, TraceModel::sampledState).
inline const QString StateRunning = QStringLiteral("state:running");   // R: running or runnable
inline const QString StateSleeping = QStringLiteral("state:sleeping"); // S: waiting, interruptible
inline const QString StateDisk = QStringLiteral("state:disk");         // D: uninterruptible (I/O)
inline const QString StateZombie = QStringLiteral("state:zombie");     // Z: exited, not reaped
inline const QString StateStopped = QStringLiteral("state:stopped");   // T, t: stopped / traced
} // namespace ev

} // namespace proclab
