"""Processes as the operating system sees them: fork and exec (with the
limit on processes alive at once), exit, reaping, signals and sleeping,
whether the program calls os directly or multiprocessing does it for it.
Files are files.py's."""

import errno
import os
import signal
import sys
import time

from . import core, output, source
from . import kinds as K

LIMIT_MESSAGE = ("process limit reached: ProcLab runs at most 64 processes of a program at "
                 "once (this start was refused; join or reap some first)")

_orig = {}


def _refuse():
    core.write(K.ERROR, 0, 0, LIMIT_MESSAGE)
    raise BlockingIOError(errno.EAGAIN, LIMIT_MESSAGE)


def _child_identity():
    """Name and flags of the process a fork or exec is about to make."""
    info = core.pending_start()
    if info:
        return info["name"], (K.PROC_DAEMON if info["daemon"] else 0), True
    core.raw_forks += 1
    # Named the way Python names Process children: fork-1, fork-2, and fork-2:1
    # for the first one fork-2 makes.
    identity = core.identity
    mp = sys.modules.get("multiprocessing.process")
    if mp is not None and mp.current_process()._identity:
        identity = ":".join(str(i) for i in mp.current_process()._identity)
    child = "%s:%d" % (identity, core.raw_forks) if identity else str(core.raw_forks)
    return "fork-" + child, 0, False


def fork():
    slot = core.native.reserve_slot()
    if slot < 0:
        _refuse()
    child_name, flags, by_multiprocessing = _child_identity()
    t = core.now_for_later_record()
    parent = os.getpid()
    output.before_fork()
    try:
        pid = _orig["fork"]()
    except BaseException:
        core.native.set_slot_owner(slot, 0)
        raise
    if pid == 0:
        # The parent it was forked by: os.getppid() is already its adopter
        # when the parent ended at once (the runner would see no re-parenting).
        ppid = parent
        source.forget_declarations()
        output.after_fork_in_child()
        core.raw_forks = 0
        if not by_multiprocessing:
            core.identity = child_name[len("fork-"):]
        core.begin_process(slot, child_name, ppid, flags)
    else:
        core.native.set_slot_owner(slot, pid)
        if not by_multiprocessing:
            core.native.write(K.START, pid, K.METHOD_FORK, child_name, 0, 1, t)
    return pid


def _exec_name(args):
    """A lane name for a program started by exec: what it is running."""
    argv = [a.decode("utf-8", "replace") if isinstance(a, bytes) else str(a) for a in args]
    if "-c" in argv:
        code = argv[argv.index("-c") + 1] if argv.index("-c") + 1 < len(argv) else ""
        for known, label in (("forkserver", "ForkServer"), ("resource_tracker", "ResourceTracker"),
                             ("semaphore_tracker", "ResourceTracker")):
            if known in code:
                return label
        return "python -c"
    shown = [os.path.basename(argv[0])] + argv[1:3] if argv else ["?"]
    return " ".join(shown)[:60]


def fork_exec(*args):
    """_posixsubprocess.fork_exec: subprocess, and multiprocessing's spawn and
    forkserver. The child gets a reserved slot, the ring and its name through
    its environment and inherited descriptors."""
    slot = core.native.reserve_slot()
    if slot < 0:
        _refuse()
    info = core.pending_start()
    helper = _exec_name(args[0])
    if helper in ("ForkServer", "ResourceTracker"):
        info = None  # started on the way by a start(), but not the child it starts
    child_name = info["name"] if info else helper
    flags = K.PROC_SPAWNED | (K.PROC_DAEMON if info and info["daemon"] else 0)
    args = list(args)
    keep = set(args[3]) | {int(os.environ["PROCLAB_RING_FD"])}
    if os.environ.get("PROCLAB_AUX_FD"):
        keep.add(int(os.environ["PROCLAB_AUX_FD"]))
    args[3] = tuple(sorted(keep))
    extra = [b"PROCLAB_SLOT=%d" % slot,
             b"PROCLAB_CHILD_PARENT=%d" % os.getpid(),
             b"PROCLAB_CHILD_NAME=" + child_name.encode("utf-8", "replace"),
             b"PROCLAB_CHILD_FLAGS=%d" % flags]
    env = args[5]
    if env is None:
        env = [k + b"=" + v for k, v in os.environb.items()]
    args[5] = [e for e in env if not e.startswith((b"PROCLAB_SLOT=", b"PROCLAB_CHILD_"))] + extra
    t = core.now_for_later_record()
    try:
        pid = _orig["fork_exec"](*args)
    except BaseException:
        core.native.set_slot_owner(slot, 0)
        raise
    core.native.set_slot_owner(slot, pid)
    if not info:
        core.native.write(K.START, pid, K.METHOD_SPAWN, child_name, 0, 1, t)
    return pid


def _exit(code):
    output.flush_all()
    core.record_exit(code)
    _orig["_exit"](code)


def _reaped(pid, status, state):
    try:
        code = os.waitstatus_to_exitcode(status)
    except (AttributeError, ValueError):
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    # The child recorded its exit itself unless a signal ended it: then this
    # is where it is first known (the host keeps the child's own if it has one).
    core.write_unlocated(K.EXIT, code, K.EXIT_SEEN_AT_REAP, None, pid)
    core.write(K.REAPED, os.getpid(), ord(state), None, pid)
    core.native.release_slot_of(pid)


def _state_before_wait(pid):
    """'Z' if `pid` (a child) has exited and waits to be reaped, else 'S'."""
    try:
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except (ChildProcessError, OSError):
        return "?"
    return "Z" if info is not None else "S"


def waitpid(pid, options):
    state = _state_before_wait(pid) if pid > 0 else "?"
    rpid, status = _orig["waitpid"](pid, options)
    if rpid > 0:
        _reaped(rpid, status, state if rpid == pid else "?")
    return rpid, status


def wait():
    rpid, status = _orig["wait"]()
    if rpid > 0:
        _reaped(rpid, status, "?")
    return rpid, status


def wait3(options):
    rpid, status, usage = _orig["wait3"](options)
    if rpid > 0:
        _reaped(rpid, status, "?")
    return rpid, status, usage


def wait4(pid, options):
    state = _state_before_wait(pid) if pid > 0 else "?"
    rpid, status, usage = _orig["wait4"](pid, options)
    if rpid > 0:
        _reaped(rpid, status, state if rpid == pid else "?")
    return rpid, status, usage


def kill(pid, sig):
    if pid > 0 and sig in (signal.SIGTERM, signal.SIGKILL):
        core.write(K.TERMINATE if sig == signal.SIGTERM else K.KILL, pid, int(sig))
    return _orig["kill"](pid, sig)


def sleep(seconds):
    if not source.caller_is_user(1):
        return _orig["sleep"](seconds)
    ms = int(seconds * 1000) if seconds >= 0 else 0
    core.write(K.SLEEP_BEGIN, ms)
    try:
        return _orig["sleep"](seconds)
    finally:
        core.write_unlocated(K.SLEEP_END, ms)


def install():
    import _posixsubprocess

    for name in ("fork", "_exit", "waitpid", "wait", "wait3", "wait4", "kill"):
        if hasattr(os, name):
            _orig[name] = getattr(os, name)
            setattr(os, name, globals()[name])
    _orig["fork_exec"] = _posixsubprocess.fork_exec
    _posixsubprocess.fork_exec = fork_exec
    _orig["sleep"] = time.sleep
    time.sleep = sleep
