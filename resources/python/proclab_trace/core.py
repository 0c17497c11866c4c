"""The tracer's state in this process and the calls every hook writes through."""

import os
import sys
import threading

from . import kinds as K

if os.environ.get("PROCLAB_TRACE_PURE"):
    from . import _pyring as native
else:
    try:
        from . import _native as native
    except ImportError:  # no fast path for this interpreter: pure Python
        from . import _pyring as native

# This process: its ring slot, lane (pid) and the name its lane shows.
slot = -1
pid = 0
name = ""
exit_recorded = False
raw_forks = 0  # os.fork() calls made directly by the program (names "fork-N")
identity = ""  # this process's place among raw forks: "" (MainProcess), "2", "2:1", ...

# What the Process.start() running in this thread is starting: the fork or
# exec hook gives the child its name and flags from here.
_local = threading.local()


def pending_start():
    return getattr(_local, "start", None)


def set_pending_start(info):
    _local.start = info


def write(kind, a=0, b=0, text=None, lane=0):
    """A record on `lane` (0: ours), with the user's source line that caused it."""
    native.write(kind, K.to_int64(a), K.to_int64(b), text, lane, 1)


def now_for_later_record():
    """The time of an event whose record is written later (a start(): after
    the child exists). The user's source file is declared first: records are
    decoded in time order, so a declaration written after the event's time
    would come too late for it (its `file` would be empty)."""
    native.location()
    return native.now()


def write_unlocated(kind, a=0, b=0, text=None, lane=0):
    native.write(kind, K.to_int64(a), K.to_int64(b), text, lane, 0)


def begin_process(new_slot, lane_name, ppid, flags):
    """This process owns `new_slot` from now on: bind it and open its lane."""
    global slot, pid, name, exit_recorded
    slot = new_slot
    pid = os.getpid()
    name = lane_name
    exit_recorded = False
    native.bind(new_slot)
    write_unlocated(K.PROC_BEGIN, ppid, flags, lane_name)
    native.install_sigterm_recorder()


def rename(new_name):
    """Python named this process after its lane was opened (Process._bootstrap)."""
    global name
    if new_name and new_name != name:
        name = new_name
        write_unlocated(K.PROC_RENAME, 0, 0, new_name)


def record_exit(code):
    global exit_recorded
    if not exit_recorded:
        exit_recorded = True
        write_unlocated(K.EXIT, code, 0)
