"""Manager(): the server process has its own lane (Python names it
SyncManager-N); each proxy call is an interval on the caller (method and key)
and an instant on the server when it handles it."""

import socket
import struct
import zlib

from . import core, source
from . import kinds as K

_orig = {}
_KEY_REPR = 40


def _oid(address, ident):
    return (zlib.crc32(("%s:%s" % (address, ident)).encode()) << 1) | 1


def _key_text(args):
    if not args:
        return ""
    text = repr(args[0])
    return text if len(text) <= _KEY_REPR else text[:_KEY_REPR - 1] + "…"


def _call_text(oid, methodname, args):
    return "#%d\n%s\n%s" % (oid, _key_text(args), methodname)


def _create(self, typeid, *args, **kwds):
    token, exposed = _orig["_create"](self, typeid, *args, **kwds)
    oid = _oid(token.address, token.id)
    core.write(K.OBJECT_DECL, oid, K.OBJ_MANAGER, source.name_from_source(source.numbered(typeid), typeid))
    return token, exposed


def _callmethod(self, methodname, args=(), kwds={}):
    token = self._token
    oid = _oid(token.address, token.id)
    core.write(K.MANAGER_CALL_BEGIN, 0, 0, _call_text(oid, methodname, args))
    failed = 1
    try:
        result = _orig["_callmethod"](self, methodname, args, kwds)
        failed = 0
        return result
    finally:
        core.write_unlocated(K.MANAGER_CALL_END, 0, failed)


def _peer_pid(conn):
    try:
        s = socket.socket(fileno=conn.fileno())
        try:
            creds = s.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        finally:
            s.detach()
        return struct.unpack("3i", creds)[0]
    except (OSError, AttributeError, ValueError):
        return 0


def _serve_client(self, conn):
    recv = conn.recv
    peer = _peer_pid(conn)
    address = self.address

    def traced_recv():
        request = recv()
        try:
            ident, methodname, args, _kwds = request
        except (TypeError, ValueError):
            return request
        if isinstance(methodname, str) and not methodname.startswith("#"):
            core.write_unlocated(K.MANAGER_SERVE, 0, peer,
                                 _call_text(_oid(address, ident), methodname, args))
        return request

    conn.recv = traced_recv
    return _orig["serve_client"](self, conn)


def patch_managers(module):
    _orig["_create"], module.BaseManager._create = module.BaseManager._create, _create
    proxy = module.BaseProxy
    _orig["_callmethod"], proxy._callmethod = proxy._callmethod, _callmethod
    server = module.Server
    _orig["serve_client"], server.serve_client = server.serve_client, _serve_client
