#pragma once
// The binary trace record every lab process appends to its own slot of the
// shared ring. Fixed size, no pointers: it is written after fork() and read
// by the host from the same memfd. Kinds are append-only (the host decodes by
// number); never renumber one.

#include <cstdint>

namespace proclab {

enum class RecordKind : std::uint16_t
{
    Invalid = 0,
    ProcBegin = 1,  // own lane. a = ppid, b = ProcFlags, text = process name
    Start = 2,      // creator's lane. a = child pid, b = StartMethod, text = child name
    SleepBegin = 3, // a = milliseconds
    SleepEnd = 4,
    JoinBegin = 5, // a = target pid, b = timeout in microseconds or -1
    JoinEnd = 6,   // a = target pid, b = 1 if the target was still alive
    Terminate = 7, // caller's lane. a = target pid, b = signal
    Kill = 8,      // caller's lane. a = target pid, b = signal
    Exit = 9,      // lane of the exiting process. a = exitcode, b = ExitFlags
    Reaped =
        10, // lane of the reaped process. a = reaper pid, b = /proc state char seen before reaping
    DaemonTerminated = 11, // lane of the daemon. a = pid of the process whose exit ended it
    Error = 12,            // text = message
    Stdout = 13,           // text = what the process printed
    Summary = 14,          // MainProcess lane. text = the lab's summary as a JSON object
    Reparent = 15,         // a = old ppid, b = new ppid
    RunEnd = 16,           // runner. a = RunStatus
    TextChunk = 17,        // payload of the record before it; never stands alone
    ObjectDecl = 18,       // a = object id, b = ObjectType, text = the name the lab gave it
    LockWaitBegin = 19,    // a = lock id (only when the lock was taken by someone else)
    LockWaitEnd = 20,      // a = lock id, b = pid of a dead owner whose lock was recovered, else 0
    LockHoldBegin = 21,    // a = lock id
    LockHoldEnd = 22,      // a = lock id
    Read = 23,             // a = packed {value, version} (see packValue), b = object id
    Write = 24,            // a = packed {value, version}, b = object id
    QueuePut = 25, // a = packQueue(queue id, depth after), b = the item if an integer; text = item
                   // if a string
    QueueGet = 26, // same fields as QueuePut
    QueueWaitBegin = 27, // a = queue id, b = QueueWait
    QueueWaitEnd = 28,   // a = queue id, b = QueueWait
    QueueTaskDone = 29,  // a = packQueue(queue id, unfinished tasks after)
    // Pipe and Manager (30-39). Pipe records: a = packPipe(...), b = the item if
    // an integer; text = repr() of a string or list item.
    PipeSend = 30,
    PipeRecv = 31,
    PipeWait = 32,         // recv() blocked. a = pipe id, b = 1 begin / 0 end
    PipeClose = 33,        // a = pipe id, b = which end (0, 1)
    PipeEof = 34,          // recv() raised EOFError. a = pipe id, b = which end
    ManagerCallBegin = 35, // proxy's lane. a = ManagerOp, b = 0; text = "object\nkey"
    ManagerCallEnd = 36,   // a = ManagerOp, b = 0 ok / 1 the server raised (KeyError, ...)
    ManagerServe = 37,     // server's lane. a = ManagerOp, b = client pid; text = "object\nkey"
    Phase = 38,            // a lab's named phase. b = 1 begin / 0 end; text = the phase's name

    // 40-49: the runner's /proc sampler and CPU affinity. The sampler writes
    // into the runner's slot, on the sampled process's lane, only on change.
    ProcState = 40,   // a = /proc state letter (R, S, D, Z, T, t, ...), b = CPU time used, µs
    ProcCpu = 41,     // a = CPU the process last ran on, b = CPU time used, µs
    Affinity = 42,    // lane of the process whose affinity was set. a = CPU mask (CPUs 0-63),
                      // b = errno of sched_setaffinity (0: done)
    ProcCpuTime = 43, // CPU time the process used in the window that ends now: a = µs used,
                      // b = the window's length, µs (about ProcSampler::kShareWindowNs)

    // 44-69: written by the CPython engine's tracer (resources/python/proclab_trace).
    ProcRename = 44, // own lane: the process now has the name in text (Python set it after
                     // the fork, e.g. in Process._bootstrap)
    SourceLoc = 45,  // where in the program the NEXT record of this slot was caused:
                     // a = line, b = file id (an ObjectDecl of ObjectType::SourceFile).
                     // Written with the same time and lane as that record.
    SyncWaitBegin = 46, // Event.wait / Condition.wait / Barrier.wait: a = object id, b = SyncWait
    SyncWaitEnd = 47,   // a = object id, b = 1 if the wait returned True (set, notified, passed)
    SyncOp = 48,        // a = object id, b = SyncOp (set, clear, notify, ...)
    TaskBegin = 49,     // a pool worker starts a task: a = task number, text = function name
    TaskEnd = 50,       // a = task number, b = 1 if the function raised
    FileOpen = 51,      // open(): a = FileMode bits, text = the path
    OutputCut = 52,     // this process printed more than is kept: a = bytes not recorded
    SharedName = 53,    // the program made a name in /dev/shm (text: its file name there, e.g.
                        // sem.mp-1a2b3c): the host removes it after the run if it is left
};

enum class SyncWait : std::int64_t
{
    Event = 0,
    Condition = 1,
    Barrier = 2,
};

enum class SyncOpKind : std::int64_t
{
    Set = 0,
    Clear = 1,
    Notify = 2,
    NotifyAll = 3,
    Abort = 4,
    Reset = 5,
};

enum FileMode : std::int64_t
{
    FileRead = 1,
    FileWrite = 2,
    FileAppend = 4,
    FileCreate = 8,
};

// Pipe send/recv records carry the pipe (its shared-heap offset / 64, < 2^24),
// the sending end, the message's sequence number on that direction (the nth
// send meets the nth recv: the host draws an arrow) and the item's kind.
enum class PipeItem : std::int64_t
{
    None = 0,
    Int = 1,
    String = 2,
    List = 3
};
inline std::int64_t packPipe(std::int64_t pipe, int end, PipeItem kind, std::uint32_t seq)
{
    return ((pipe >> 6) << 36) | (std::int64_t(end & 1) << 35) | (std::int64_t(kind) << 32) |
           std::int64_t(seq);
}
inline std::int64_t pipeOf(std::int64_t packed)
{
    return (packed >> 36) << 6;
}
inline int pipeEndOf(std::int64_t packed)
{
    return int((packed >> 35) & 1);
}
inline PipeItem pipeItemOf(std::int64_t packed)
{
    return PipeItem((packed >> 32) & 3);
}
inline std::uint32_t pipeSeqOf(std::int64_t packed)
{
    return std::uint32_t(packed);
}

// What a Manager proxy asked its server to do (trace and wire protocol).
enum class ManagerOp : std::int64_t
{
    CreateDict = 1,
    CreateList = 2,
    SetItem = 3, // d[key] = value
    GetItem = 4, // d[key]
    Keys = 5,
    Len = 6,
    Append = 7, // l.append(value)
    Copy = 8,   // list(l) / dict(d): the whole value
    Shutdown = 9,
};
inline const char *managerOpName(ManagerOp op)
{
    switch (op) {
    case ManagerOp::CreateDict:
        return "dict";
    case ManagerOp::CreateList:
        return "list";
    case ManagerOp::SetItem:
        return "__setitem__";
    case ManagerOp::GetItem:
        return "__getitem__";
    case ManagerOp::Keys:
        return "keys";
    case ManagerOp::Len:
        return "__len__";
    case ManagerOp::Append:
        return "append";
    case ManagerOp::Copy:
        return "copy";
    case ManagerOp::Shutdown:
        return "shutdown";
    }
    return "?";
}

enum class QueueWait : std::int64_t
{
    Put = 0,
    Get = 1,
    Join = 2
};

// Queue records carry the queue (its shared-heap offset, < 2^32) and the
// depth in one word; bit 31 of the depth half marks a None (sentinel) item,
// bit 30 a string item (its text follows; an empty string has none).
inline constexpr std::int64_t kQueueSentinelBit = std::int64_t(1) << 31;
inline constexpr std::int64_t kQueueStringBit = std::int64_t(1) << 30;
inline std::int64_t packQueue(std::int64_t queue, std::int64_t depth, bool sentinel = false,
                              bool string = false)
{
    return (queue << 32) | (depth & 0x3fffffff) | (sentinel ? kQueueSentinelBit : 0) |
           (string ? kQueueStringBit : 0);
}
inline std::int64_t queueOf(std::int64_t packed)
{
    return packed >> 32;
}
inline std::int64_t depthOf(std::int64_t packed)
{
    return packed & 0x3fffffff;
}
inline bool sentinelOf(std::int64_t packed)
{
    return (packed & kQueueSentinelBit) != 0;
}
inline bool stringOf(std::int64_t packed)
{
    return (packed & kQueueStringBit) != 0;
}

enum class ObjectType : std::int64_t
{
    Lock = 0,
    RLock = 1,
    Value = 2,
    File = 3,
    Queue = 4,
    Pipe = 5,
    Manager = 6,
    SourceFile = 7, // a program's source file (text = its path): SourceLoc's file id
    Semaphore = 8,
    Condition = 9,
    Event = 10,
    Barrier = 11,
};

// A shared value's state in one 64-bit word: the value (int32, like Python's
// Value('i')) and how many writes it has seen. Reads and writes record both,
// which makes lost updates exact to detect.
inline std::int64_t packValue(std::int32_t value, std::uint32_t version)
{
    return std::int64_t((std::uint64_t(version) << 32) | std::uint32_t(value));
}
inline std::int32_t unpackValue(std::int64_t packed)
{
    return std::int32_t(std::uint32_t(packed));
}
inline std::uint32_t unpackVersion(std::int64_t packed)
{
    return std::uint32_t(std::uint64_t(packed) >> 32);
}

enum ProcFlags : std::int64_t
{
    ProcDaemon = 1,
    ProcSpawned = 2,
    ProcMain = 4,
};

enum ExitFlags : std::int64_t
{
    ExitSeenAtReap =
        1, // the process could not record its own exit (SIGKILL): time is the reap time
};

enum class StartMethod : std::int64_t
{
    Fork = 0,
    Spawn = 1,
    Forkserver = 2,
};

enum class RunStatus : std::int64_t
{
    Finished = 0,
    LabFailed = 3,
    Stopped = 4,
    TimedOut = 5
};

struct Record
{
    std::uint64_t tNs; // CLOCK_MONOTONIC
    std::int32_t pid;  // the lane this record belongs to
    RecordKind kind;
    std::uint16_t textChunks; // number of TextChunk records that follow
    std::int64_t a;
    std::int64_t b;
};
static_assert(sizeof(Record) == 32, "records are 32 bytes on every build");

inline constexpr std::size_t kTextPerChunk = sizeof(Record);
inline constexpr std::size_t kMaxTextBytes = 4096;

} // namespace proclab
