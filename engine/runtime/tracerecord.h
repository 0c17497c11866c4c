#pragma once
// The binary trace record every lab process appends to its own slot of the
// shared ring. Fixed size, no pointers: it is written after fork() and read
// by the host from the same memfd. Kinds are append-only (the host decodes by
// number); never renumber one.

#include <cstdint>

namespace proclab {

enum class RecordKind : std::uint16_t {
    Invalid = 0,
    ProcBegin = 1,   // own lane. a = ppid, b = ProcFlags, text = process name
    Start = 2,       // creator's lane. a = child pid, b = StartMethod, text = child name
    SleepBegin = 3,  // a = milliseconds
    SleepEnd = 4,
    JoinBegin = 5,   // a = target pid, b = timeout in microseconds or -1
    JoinEnd = 6,     // a = target pid, b = 1 if the target was still alive
    Terminate = 7,   // caller's lane. a = target pid, b = signal
    Kill = 8,        // caller's lane. a = target pid, b = signal
    Exit = 9,        // lane of the exiting process. a = exitcode, b = ExitFlags
    Reaped = 10,     // lane of the reaped process. a = reaper pid, b = /proc state char seen before reaping
    DaemonTerminated = 11, // lane of the daemon. a = pid of the process whose exit ended it
    Error = 12,      // text = message
    Stdout = 13,     // text = what the process printed
    Summary = 14,    // MainProcess lane. text = the lab's summary as a JSON object
    Reparent = 15,   // a = old ppid, b = new ppid
    RunEnd = 16,     // runner. a = RunStatus
    TextChunk = 17,  // payload of the record before it; never stands alone
};

enum ProcFlags : std::int64_t {
    ProcDaemon = 1,
    ProcSpawned = 2,
    ProcMain = 4,
};

enum ExitFlags : std::int64_t {
    ExitSeenAtReap = 1, // the process could not record its own exit (SIGKILL): time is the reap time
};

enum class StartMethod : std::int64_t { Fork = 0, Spawn = 1 };

enum class RunStatus : std::int64_t { Finished = 0, LabFailed = 3, Stopped = 4, TimedOut = 5 };

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
