"""Lock, RLock, Semaphore, BoundedSemaphore: wait and hold intervals.
Condition, Event, Barrier: their waits and what wakes them. Only objects the
program itself creates are traced, and the lock of a Value or Array it made
(get_lock()); the ones inside Queue, Manager... are multiprocessing's business
(a Value's accesses are traced as reads and writes instead)."""

import zlib

from . import core, source
from . import kinds as K

_orig = {}


def _semlock_key(semlock):
    """The same number in every process that shares the semaphore: its name
    where it has one (spawn, forkserver), else its address (fork children
    share their parent's memory layout)."""
    name = getattr(semlock, "name", None)
    if name:
        return (zlib.crc32(name.encode()) << 1) | 1
    return (semlock.handle & 0x7FFFFFFFFFFF) << 1


def _declare(obj, kind, label):
    oid = _semlock_key(obj._semlock) if hasattr(obj, "_semlock") else id(obj)
    name = source.name_from_source(source.numbered(label), label)
    core.write(K.OBJECT_DECL, oid, kind, name)
    return oid


def _trace_semlock(lock, oid, recursive):
    """Gives `lock` acquire/release methods that record waits and holds."""
    sl = lock._semlock
    raw_acquire, raw_release = sl.acquire, sl.release
    write = core.write
    write_at_time, now, oid_bits = core.native.write, core.native.now, K.to_int64(oid)

    def acquire(block=True, timeout=None):
        if raw_acquire(False):
            if not recursive or sl._count() == 1:
                write(K.LOCK_HOLD_BEGIN, oid)
            return True
        if not block:
            return False
        write(K.LOCK_WAIT_BEGIN, oid)
        ok = raw_acquire(True, timeout)
        write(K.LOCK_WAIT_END, oid)
        if ok:
            write(K.LOCK_HOLD_BEGIN, oid)
        return ok

    def release():
        # Timed before the release: the next holder's hold, recorded after its
        # acquire returns, always begins after this one ends.
        t = now()
        raw_release()
        if not recursive or sl._count() == 0:
            write_at_time(K.LOCK_HOLD_END, oid_bits, 0, None, 0, 1, t)

    lock.acquire = acquire
    lock.release = release
    lock._proclab = (oid, recursive)
    lock._proclab_raw = (raw_acquire, raw_release)


def trace_value_lock(lock, value_name):
    """The lock of a Value or Array the program made: `with v.get_lock():`
    and `with v:` show their waits and holds. The wrapper's own locking
    around each .value access stays raw (SynchronizedBase.acquire): those
    are the reads and writes already recorded."""
    if "_proclab" in lock.__dict__ or not hasattr(lock, "_semlock"):
        return
    oid = _semlock_key(lock._semlock)
    core.write(K.OBJECT_DECL, oid, K.OBJ_RLOCK, value_name + ".get_lock()")
    _trace_semlock(lock, oid, True)


def _semlock_enter(self):
    return self.acquire()


def _semlock_exit(self, *args):
    return self.release()


def _semlock_getstate(self):
    return _orig["getstate"](self) + (self.__dict__.get("_proclab"),)


def _semlock_setstate(self, state):
    traced = None
    if len(state) == 5:
        traced, state = state[4], state[:4]
    _orig["setstate"](self, state)
    if traced:
        _trace_semlock(self, *traced)


def _factory(name, kind, recursive):
    """BaseContext.Lock and friends: trace what the user's code creates."""

    def create(self, *args, **kwargs):
        obj = _orig[name](self, *args, **kwargs)
        if source.called_from_user(1):
            oid = _declare(obj, kind, name)
            _trace_semlock(obj, oid, recursive)
        return obj

    return create


def _condition_factory(self, lock=None):
    cond = _orig["Condition"](self, lock)
    if source.called_from_user(1):
        oid = _declare(cond._lock, K.OBJ_CONDITION, "Condition")
        cond._proclab = oid
        if "_proclab" not in cond._lock.__dict__:
            _trace_semlock(cond._lock, oid, True)
    return cond


def _event_factory(self):
    event = _orig["Event"](self)
    if source.called_from_user(1):
        event._proclab = _declare(event._cond._lock, K.OBJ_EVENT, "Event")
    return event


def _barrier_factory(self, parties, action=None, timeout=None):
    barrier = _orig["Barrier"](self, parties, action, timeout)
    if source.called_from_user(1):
        barrier._proclab = _declare(barrier._cond._lock, K.OBJ_BARRIER, "Barrier")
    return barrier


def _waiting(method, wait_kind, op_result=bool):
    def traced(self, *args, **kwargs):
        oid = self.__dict__.get("_proclab")
        if oid is None:
            return method(self, *args, **kwargs)
        core.write(K.SYNC_WAIT_BEGIN, oid, wait_kind)
        ok = False
        try:
            result = method(self, *args, **kwargs)
            ok = op_result(result)
            return result
        finally:
            core.write(K.SYNC_WAIT_END, oid, 1 if ok else 0)

    return traced


def _op(method, op):
    """Recorded just before it acts: a waiter it wakes always ends after it."""

    def traced(self, *args, **kwargs):
        oid = self.__dict__.get("_proclab")
        if oid is not None:
            core.write(K.SYNC_OP, oid, op)
        return method(self, *args, **kwargs)

    return traced


def _event_wait(self, timeout=None):
    if self.__dict__.get("_proclab") is None or self.is_set():
        return _orig["Event.wait"](self, timeout)
    return _event_wait_traced(self, timeout)


def _semlock_init(self, *args, **kwargs):
    _orig["init"](self, *args, **kwargs)
    name = getattr(self._semlock, "name", None)
    if name:  # spawn/forkserver: a named semaphore in /dev/shm until Python unlinks it
        core.write_unlocated(K.SHARED_NAME, 0, 0, "sem." + name.lstrip("/"))


def patch_synchronize(module):
    sem = module.SemLock
    _orig["init"], sem.__init__ = sem.__init__, _semlock_init
    _orig["getstate"], sem.__getstate__ = sem.__getstate__, _semlock_getstate
    _orig["setstate"], sem.__setstate__ = sem.__setstate__, _semlock_setstate
    sem.__enter__ = _semlock_enter
    sem.__exit__ = _semlock_exit
    global _event_wait_traced
    _orig["Event.wait"] = module.Event.wait
    _event_wait_traced = _waiting(module.Event.wait, K.SWAIT_EVENT)
    module.Event.wait = _event_wait
    module.Event.set = _op(module.Event.set, K.SOP_SET)
    module.Event.clear = _op(module.Event.clear, K.SOP_CLEAR)
    module.Condition.wait = _waiting(module.Condition.wait, K.SWAIT_CONDITION)
    module.Condition.notify = _op(module.Condition.notify, K.SOP_NOTIFY)
    module.Condition.notify_all = _op(module.Condition.notify_all, K.SOP_NOTIFY_ALL)
    module.Barrier.wait = _waiting(module.Barrier.wait, K.SWAIT_BARRIER, lambda r: True)
    module.Barrier.abort = _op(module.Barrier.abort, K.SOP_ABORT)
    module.Barrier.reset = _op(module.Barrier.reset, K.SOP_RESET)


def patch_context(module):
    ctx = module.BaseContext
    for name, kind, recursive in (("Lock", K.OBJ_LOCK, False), ("RLock", K.OBJ_RLOCK, True),
                                  ("Semaphore", K.OBJ_SEMAPHORE, False),
                                  ("BoundedSemaphore", K.OBJ_SEMAPHORE, False)):
        _orig[name] = getattr(ctx, name)
        setattr(ctx, name, _factory(name, kind, recursive))
    for name, fn in (("Condition", _condition_factory), ("Event", _event_factory),
                     ("Barrier", _barrier_factory)):
        _orig[name] = getattr(ctx, name)
        setattr(ctx, name, fn)
