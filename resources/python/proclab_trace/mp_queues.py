"""Queue, JoinableQueue, SimpleQueue: put/get with a short repr of the item
and the depth after it (the Queue depth tab), the waits of a full put() and
an empty get(), Full / Empty when they are raised, task_done() and join()."""

import queue as _queue_module
import zlib

from . import core, source
from . import kinds as K

_orig = {}
_ITEM_REPR = 60


def _qid(q):
    """A 31-bit id every process computes alike (from the queue's semaphore)."""
    qid = q.__dict__.get("_proclab_qid")
    if qid is None:
        sem = getattr(q, "_sem", None) or getattr(q, "_rlock", None)
        sl = getattr(sem, "_semlock", None)
        name = getattr(sl, "name", None) if sl else None
        raw = zlib.crc32(name.encode()) if name else (sl.handle if sl else id(q))
        qid = ((raw ^ (raw >> 31)) & 0x7FFFFFFF) | 1
        q.__dict__["_proclab_qid"] = qid
    return qid


def _traced(q):
    return q.__dict__.get("_proclab_qid") is not None or q.__dict__.get("_proclab") is not None


def _depth(q):
    try:
        return q.qsize()
    except (NotImplementedError, AttributeError):
        return 0


def _item_fields(item):
    """(sentinel, string, b, text) for a queue record."""
    if item is None:
        return True, False, 0, None
    if type(item) is int and -(1 << 63) <= item < (1 << 63):
        return False, False, item, None
    text = repr(item)
    if len(text) > _ITEM_REPR:
        text = text[:_ITEM_REPR - 1] + "…"
    return False, True, 0, text


def _record(kind, q, item, depth, t=0):
    """t: the time the operation is shown at (0: now)."""
    sentinel, string, b, text = _item_fields(item)
    core.native.write(kind, K.to_int64(K.pack_queue(_qid(q), depth, sentinel, string)),
                      K.to_int64(b), text, 0, 1, t)


def _put_time(waits):
    """When a put() is shown: before the call when it does not wait, since a
    consumer can get the item (and record its get) before put() returns; a
    put() that waits for room is shown when it returns."""
    return 0 if waits else core.native.now()


def _traced_put(key):
    """Queue.put / JoinableQueue.put (the original kept in _orig[key])."""

    def put(self, obj, block=True, timeout=None):
        if not _traced(self):
            return _orig[key](self, obj, block, timeout)
        waits = block and self._maxsize > 0 and self.full()
        if waits:
            core.write(K.QUEUE_WAIT_BEGIN, _qid(self), K.QWAIT_PUT)
        t = _put_time(waits)
        try:
            _orig[key](self, obj, block, timeout)
        except _queue_module.Full:
            core.write(K.ERROR, 0, 0, "queue.Full")
            raise
        finally:
            if waits:
                core.write_unlocated(K.QUEUE_WAIT_END, _qid(self), K.QWAIT_PUT)
        _record(K.QUEUE_PUT, self, obj, _depth(self), t)

    return put


def _get(self, block=True, timeout=None):
    if not _traced(self):
        return _orig["get"](self, block, timeout)
    waits = block and _depth(self) == 0
    if waits:
        core.write(K.QUEUE_WAIT_BEGIN, _qid(self), K.QWAIT_GET)
    try:
        item = _orig["get"](self, block, timeout)
    except _queue_module.Empty:
        core.write(K.ERROR, 0, 0, "queue.Empty")
        raise
    finally:
        if waits:
            core.write_unlocated(K.QUEUE_WAIT_END, _qid(self), K.QWAIT_GET)
    _record(K.QUEUE_GET, self, item, _depth(self))
    return item


def _task_done(self):
    if not _traced(self):
        return _orig["task_done"](self)
    # Recorded before the queue's condition is released (its lock is an
    # RLock: task_done() takes it again inside), as the C++ runtime records
    # under its mutex: join() cannot return, and main cannot end a daemon
    # consumer, between the last task_done() and its record. Recorded after
    # the release, a consumer preempted there lost its last record (a loaded
    # 2-CPU machine: 5 of 6 task_done() in tst_pyengine).
    with self._cond:
        _orig["task_done"](self)
        left = self._unfinished_tasks._semlock._get_value()
        core.write(K.QUEUE_TASK_DONE, K.pack_queue(_qid(self), left))


def _join(self):
    if not _traced(self):
        return _orig["qjoin"](self)
    core.write(K.QUEUE_WAIT_BEGIN, _qid(self), K.QWAIT_JOIN)
    try:
        return _orig["qjoin"](self)
    finally:
        core.write_unlocated(K.QUEUE_WAIT_END, _qid(self), K.QWAIT_JOIN)


def _simple_put(self, obj):
    if not _traced(self):
        return _orig["sput"](self, obj)
    t = _put_time(False)
    _orig["sput"](self, obj)
    _record(K.QUEUE_PUT, self, obj, 0, t)


def _simple_get(self):
    if not _traced(self):
        return _orig["sget"](self)
    waits = not self._poll()
    if waits:
        core.write(K.QUEUE_WAIT_BEGIN, _qid(self), K.QWAIT_GET)
    try:
        item = _orig["sget"](self)
    finally:
        if waits:
            core.write_unlocated(K.QUEUE_WAIT_END, _qid(self), K.QWAIT_GET)
    _record(K.QUEUE_GET, self, item, 0)
    return item


def _state_keeps_id(getstate, setstate):
    """Queues pickled for a spawned child keep their tracing."""

    def get(self):
        return (getstate(self), self.__dict__.get("_proclab_qid"))

    def set(self, state):
        if isinstance(state, tuple) and len(state) == 2 and isinstance(state[1], (int, type(None))) \
                and isinstance(state[0], tuple):
            setstate(self, state[0])
            if state[1] is not None:
                self.__dict__["_proclab_qid"] = state[1]
        else:
            setstate(self, state)

    return get, set


def _factory(name, label):
    def create(self, *args, **kwargs):
        q = _orig[name](self, *args, **kwargs)
        if source.called_from_user(1):
            qid = _qid(q)
            core.write(K.OBJECT_DECL, qid, K.OBJ_QUEUE, source.name_from_source(source.numbered(label), label))
        return q

    return create


def patch_queues(module):
    cls = module.Queue
    _orig["put"], cls.put = cls.put, _traced_put("put")
    _orig["get"], cls.get = cls.get, _get
    j = module.JoinableQueue
    _orig["jput"], j.put = j.put, _traced_put("jput")
    _orig["task_done"], j.task_done = j.task_done, _task_done
    _orig["qjoin"], j.join = j.join, _join
    s = module.SimpleQueue
    _orig["sput"], s.put = s.put, _simple_put
    _orig["sget"], s.get = s.get, _simple_get
    for c in (cls, s):  # JoinableQueue pickles through Queue.__getstate__
        if "__getstate__" in c.__dict__:
            c.__getstate__, c.__setstate__ = _state_keeps_id(c.__getstate__, c.__setstate__)


def patch_context(module):
    ctx = module.BaseContext
    for name in ("Queue", "JoinableQueue", "SimpleQueue"):
        _orig[name] = getattr(ctx, name)
        setattr(ctx, name, _factory(name, name))
