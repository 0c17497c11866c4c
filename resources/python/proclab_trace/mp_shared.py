"""Value and Array: every read and write of `.value` / `arr[i]` with the value
and its version (how many writes it has seen), so lost updates are found
exactly, as in the C++ labs. Each Synchronized wrapper gets a key that is the
same in every process sharing it: the shared block's file and offset."""

import os
import zlib

from . import core, mp_sync, source
from . import kinds as K

_orig = {}
_inodes = {}  # id(arena) -> inode of its file
_declared = set()


def _block_key(ctypes_obj, extra=0):
    """(inode, offset) of the shared memory behind a ctypes object, as a key."""
    try:
        (arena, start, _stop), _size = ctypes_obj._wrapper._state
    except (AttributeError, ValueError, TypeError):
        return 0
    ino = _inodes.get(id(arena))
    if ino is None:
        try:
            ino = os.fstat(arena.fd).st_ino
        except (AttributeError, OSError):
            ino = id(arena)
        _inodes[id(arena)] = ino
    return ((zlib.crc32(b"%d:%d:%d" % (ino, start, extra)) << 20) | (start & 0xFFFFF)) << 1 | 1


def _declare(key, name):
    if key not in _declared:
        _declared.add(key)
        core.write_unlocated(K.OBJECT_DECL, key, K.OBJ_VALUE, name)


def value_key(wrapper):
    """Called by the native descriptor at a wrapper's first access in a process."""
    key = _block_key(wrapper._obj)
    wrapper._proclab_key = key
    _declare(key, getattr(wrapper, "_proclab_name", None) or "Value")
    return key


def _value(*args, **kwargs):
    obj = _orig["Value"](*args, **kwargs)
    if hasattr(obj, "_obj") and hasattr(obj, "acquire"):  # Synchronized (lock=True, the default)
        name = source.name_from_source(source.numbered("Value"), "Value")
        obj._proclab_name = name
        key = _block_key(obj._obj)
        obj._proclab_key = key
        _declare(key, name)
        mp_sync.trace_value_lock(obj._lock, name)
    return obj


def _array(*args, **kwargs):
    obj = _orig["Array"](*args, **kwargs)
    if hasattr(obj, "_obj") and hasattr(obj, "acquire"):
        obj._proclab_name = source.name_from_source(source.numbered("Array"), "Array")
        mp_sync.trace_value_lock(obj._lock, obj._proclab_name)
    return obj


def _synchronized_enter(self):
    """`with counter:` in the user's code is a hold of its lock; the `with
    self:` of an Array's own item access (multiprocessing's or ours) is not."""
    if source.caller_is_user(1):
        return self._lock.__enter__()
    return self.acquire()


def _synchronized_exit(self, *args):
    if source.caller_is_user(1):
        return self._lock.__exit__(*args)
    return self.release()


def _synchronized_init(self, obj, lock=None, ctx=None):
    """A wrapper rebuilt in a child around a traced lock keeps the raw
    acquire/release for its own .value locking (see trace_value_lock)."""
    _orig["sync_init"](self, obj, lock, ctx)
    raw = getattr(self._lock, "__dict__", {}).get("_proclab_raw")
    if raw:
        self.acquire, self.release = raw


def _element_key(arr, i):
    keys = arr.__dict__.get("_proclab_keys")
    if keys is None:
        keys = arr._proclab_keys = {}
    key = keys.get(i)
    if key is None:
        key = keys[i] = _block_key(arr._obj, i + 1)
        _declare(key, "%s[%d]" % (arr.__dict__.get("_proclab_name", "Array"), i))
    return key


def _getitem(self, i):
    if not isinstance(i, int):
        return _orig["getitem"](self, i)
    with self:
        v = self._obj[i]
        if isinstance(v, int):
            key = _element_key(self, i % len(self._obj))
            core.write(K.READ, K.pack_value(v, core.native.aux_get(key)), key)
        return v


def _setitem(self, i, value):
    if not isinstance(i, int):
        return _orig["setitem"](self, i, value)
    with self:
        self._obj[i] = value
        if isinstance(value, int):
            key = _element_key(self, i % len(self._obj))
            core.write(K.WRITE, K.pack_value(value, core.native.aux_add(key, 1)), key)


def _key_of(wrapper):
    key = wrapper.__dict__.get("_proclab_key")
    return key if key is not None else value_key(wrapper)


def _get_value(self):
    """The pure-Python twin of the extension's ValueDescriptor."""
    self.acquire()
    try:
        v = self._obj.value
        if type(v) is int:
            key = _key_of(self)
            core.write(K.READ, K.pack_value(v, core.native.aux_get(key)), key)
        return v
    finally:
        self.release()


def _set_value(self, value):
    self.acquire()
    try:
        self._obj.value = value
        if type(value) is int:
            key = _key_of(self)
            core.write(K.WRITE, K.pack_value(value, core.native.aux_add(key, 1)), key)
    finally:
        self.release()


def patch_sharedctypes(module):
    if hasattr(core.native, "ValueDescriptor"):
        module.Synchronized.value = core.native.ValueDescriptor()
        core.native.set_value_key(value_key)
    else:
        module.Synchronized.value = property(_get_value, _set_value)
    _orig["Value"], module.Value = module.Value, _value
    base = module.SynchronizedBase
    _orig["sync_init"], base.__init__ = base.__init__, _synchronized_init
    base.__enter__, base.__exit__ = _synchronized_enter, _synchronized_exit
    _orig["Array"], module.Array = module.Array, _array
    cls = module.SynchronizedArray
    _orig["getitem"], cls.__getitem__ = cls.__getitem__, _getitem
    _orig["setitem"], cls.__setitem__ = cls.__setitem__, _setitem


def _shared_memory_init(self, name=None, create=False, size=0, *args, **kwargs):
    _orig["shm_init"](self, name, create, size, *args, **kwargs)
    if create:
        core.write_unlocated(K.SHARED_NAME, 0, 0, self._name.lstrip("/"))


def patch_shared_memory(module):
    cls = module.SharedMemory
    _orig["shm_init"], cls.__init__ = cls.__init__, _shared_memory_init
