"""Record kinds and flags of ProcLab's trace ring (engine/runtime/tracerecord.h).

The numbers are the C++ header's; tst_pyengine checks that they agree.
"""

PROC_BEGIN = 1
START = 2
SLEEP_BEGIN = 3
SLEEP_END = 4
JOIN_BEGIN = 5
JOIN_END = 6
TERMINATE = 7
KILL = 8
EXIT = 9
REAPED = 10
DAEMON_TERMINATED = 11
ERROR = 12
STDOUT = 13
OBJECT_DECL = 18
LOCK_WAIT_BEGIN = 19
LOCK_WAIT_END = 20
LOCK_HOLD_BEGIN = 21
LOCK_HOLD_END = 22
READ = 23
WRITE = 24
QUEUE_PUT = 25
QUEUE_GET = 26
QUEUE_WAIT_BEGIN = 27
QUEUE_WAIT_END = 28
QUEUE_TASK_DONE = 29
PIPE_SEND = 30
PIPE_RECV = 31
PIPE_WAIT = 32
PIPE_CLOSE = 33
PIPE_EOF = 34
MANAGER_CALL_BEGIN = 35
MANAGER_CALL_END = 36
MANAGER_SERVE = 37
PROC_RENAME = 44
SOURCE_LOC = 45
SYNC_WAIT_BEGIN = 46
SYNC_WAIT_END = 47
SYNC_OP = 48
TASK_BEGIN = 49
TASK_END = 50
FILE_OPEN = 51
OUTPUT_CUT = 52
SHARED_NAME = 53

# ProcFlags
PROC_DAEMON = 1
PROC_SPAWNED = 2
PROC_MAIN = 4

# ExitFlags
EXIT_SEEN_AT_REAP = 1

# StartMethod
METHOD_FORK = 0
METHOD_SPAWN = 1
METHOD_FORKSERVER = 2
METHODS = {"fork": METHOD_FORK, "spawn": METHOD_SPAWN, "forkserver": METHOD_FORKSERVER}

# ObjectType
OBJ_LOCK = 0
OBJ_RLOCK = 1
OBJ_VALUE = 2
OBJ_FILE = 3
OBJ_QUEUE = 4
OBJ_PIPE = 5
OBJ_MANAGER = 6
OBJ_SOURCE_FILE = 7
OBJ_SEMAPHORE = 8
OBJ_CONDITION = 9
OBJ_EVENT = 10
OBJ_BARRIER = 11

# QueueWait
QWAIT_PUT = 0
QWAIT_GET = 1
QWAIT_JOIN = 2

# SyncWait
SWAIT_EVENT = 0
SWAIT_CONDITION = 1
SWAIT_BARRIER = 2

# SyncOpKind
SOP_SET = 0
SOP_CLEAR = 1
SOP_NOTIFY = 2
SOP_NOTIFY_ALL = 3
SOP_ABORT = 4
SOP_RESET = 5

# FileMode
FILE_READ = 1
FILE_WRITE = 2
FILE_APPEND = 4
FILE_CREATE = 8

# PipeItem
PIPE_ITEM_NONE = 0
PIPE_ITEM_INT = 1
PIPE_ITEM_STRING = 2

QUEUE_SENTINEL_BIT = 1 << 31
QUEUE_STRING_BIT = 1 << 30

RUNNER_SLOT = 0
MAIN_SLOT = 1


def pack_value(value, version):
    """Value record word: int32 value, uint32 version (packValue)."""
    return ((version & 0xFFFFFFFF) << 32) | (value & 0xFFFFFFFF)


def pack_queue(queue, depth, sentinel=False, string=False):
    return ((queue << 32) | (depth & 0x3FFFFFFF)
            | (QUEUE_SENTINEL_BIT if sentinel else 0) | (QUEUE_STRING_BIT if string else 0))


def pack_pipe(pipe, end, item_kind, seq):
    return ((pipe >> 6) << 36) | ((end & 1) << 35) | (item_kind << 32) | (seq & 0xFFFFFFFF)


def to_int64(x):
    """Two's complement view of a 64-bit word (records hold signed 64-bit fields)."""
    x &= 0xFFFFFFFFFFFFFFFF
    return x - (1 << 64) if x >= 1 << 63 else x
