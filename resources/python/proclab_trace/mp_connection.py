"""Pipe() and its Connections: send/recv (the nth message sent from one end
is the nth received from it: the host draws an arrow), a recv() that has to
wait, EOFError, close(), and the errors of an end used the wrong way.

Every process finds a connection's pipe and end from the kernel's identity of
its descriptor (the inode, the same in every process holding the pipe) in the
run's shared table, where Pipe() registered them."""

import os
import zlib

from . import core, source
from . import kinds as K

_orig = {}
_ITEM_REPR = 60
_NOT_TRACED = (0, 0)


def _key(*parts):
    return (zlib.crc32(repr(parts).encode()) << 1) | 1


def _inode(conn):
    try:
        return os.fstat(conn.fileno()).st_ino
    except (OSError, ValueError, AttributeError):
        return 0


def _info(conn):
    """(pipe id, end) of a connection of a traced Pipe(), else (0, 0)."""
    info = conn.__dict__.get("_proclab")
    if info is None:
        ino = _inode(conn)
        pipe = core.native.aux_get(_key("pipe", ino)) if ino else 0
        if pipe:
            end = core.native.aux_get(_key("end", ino)) - 1
            if end < 0:  # a one-way pipe: both ends share the inode
                end = 0 if conn.readable else 1
            info = (pipe, end)
        else:
            info = _NOT_TRACED
        conn.__dict__["_proclab"] = info
    return info


def _item(obj):
    if type(obj) is int and -(1 << 63) <= obj < (1 << 63):
        return K.PIPE_ITEM_INT, obj, None
    if obj is None:
        return K.PIPE_ITEM_NONE, 0, None
    text = repr(obj)
    if len(text) > _ITEM_REPR:
        text = text[:_ITEM_REPR - 1] + "…"
    return K.PIPE_ITEM_STRING, 0, text


def _pipe(duplex=True):
    c1, c2 = _orig["Pipe"](duplex)
    if source.called_from_user(1):
        i1, i2 = _inode(c1), _inode(c2)
        pipe = ((zlib.crc32(b"%d" % min(i1, i2)) & 0xFFFFFF) + 1) << 6
        aux = core.native
        aux.aux_set(_key("pipe", i1), pipe)
        aux.aux_set(_key("pipe", i2), pipe)
        if i1 != i2:
            aux.aux_set(_key("end", i1), 1)
            aux.aux_set(_key("end", i2), 2)
        core.write(K.OBJECT_DECL, pipe, K.OBJ_PIPE, source.name_from_source(source.numbered("Pipe"), "Pipe"))
    return c1, c2


def _error(e):
    core.write(K.ERROR, 0, 0, "%s: %s" % (type(e).__name__, e) if str(e) else type(e).__name__)


def _send(self, obj):
    pipe, end = _info(self)
    if not pipe:
        return _orig["send"](self, obj)
    try:
        self._check_closed()
        self._check_writable()
    except OSError as e:
        _error(e)
        raise
    kind, b, text = _item(obj)
    seq = core.native.aux_add(_key("sent", pipe, end), 1) - 1
    core.write(K.PIPE_SEND, K.pack_pipe(pipe, end, kind, seq), b, text)
    return _orig["send"](self, obj)


def _recv(self):
    pipe, end = _info(self)
    if not pipe:
        return _orig["recv"](self)
    try:
        self._check_closed()
        self._check_readable()
    except OSError as e:
        _error(e)
        raise
    waits = not self.poll()
    if waits:
        core.write(K.PIPE_WAIT, pipe, 1)
    try:
        obj = _orig["recv"](self)
    except EOFError:
        if waits:
            core.write_unlocated(K.PIPE_WAIT, pipe, 0)
        core.write(K.PIPE_EOF, pipe, end)
        raise
    if waits:
        core.write_unlocated(K.PIPE_WAIT, pipe, 0)
    sender = 1 - end
    kind, b, text = _item(obj)
    seq = core.native.aux_add(_key("received", pipe, sender), 1) - 1
    core.write(K.PIPE_RECV, K.pack_pipe(pipe, sender, kind, seq), b, text)
    return obj


def _close(self):
    pipe, end = _info(self) if not self.closed else _NOT_TRACED
    _orig["close"](self)
    if pipe:
        core.write(K.PIPE_CLOSE, pipe, end)


def patch_connection(module):
    cls = module._ConnectionBase
    _orig["send"], cls.send = cls.send, _send
    _orig["recv"], cls.recv = cls.recv, _recv
    _orig["close"], cls.close = cls.close, _close
    _orig["Pipe"], module.Pipe = module.Pipe, _pipe
