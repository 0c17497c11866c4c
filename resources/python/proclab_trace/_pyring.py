"""The tracer's writer in pure Python: the same calls as the extension module
_native, for interpreters it cannot be loaded into (CPython 3.8 and 3.9, or
a build without Python's headers). mmap + struct.pack_into on the ring's
layout, which the runner passes in PROCLAB_RING_LAYOUT (so it never drifts
from the C++ structs). Slower, and it cannot record a SIGTERMed process's
exit itself: its reaper does (at the reap)."""

import fcntl
import mmap
import os
import struct
import sys
import threading
import time

_RECORD = struct.Struct("=QiHHqq")  # tNs, pid (lane), kind, textChunks, a, b: 32 bytes
_U64 = struct.Struct("=Q")
_I32 = struct.Struct("=i")
_AUX_ENTRY = struct.Struct("=Qq")
_AUX_ENTRIES = 1 << 16
_SOURCE_LOC = 45
_MAX_TEXT = 4096

_ring = None
_ring_fd = -1
_aux = None
_aux_fd = -1
_layout = {}
_slot = -1
_pid = 0
_spill_fd = -1  # this process's spill file (see _spill_oldest)
_spill_failed = False
_file_filter = None
_code_files = {}
# One writer per slot: the threads of a process take turns (the extension
# needs no lock: it never lets go of the GIL while it writes).
_write_lock = threading.Lock()
os.register_at_fork(after_in_child=lambda: globals().update(_write_lock=threading.Lock()))


def _parse_layout():
    fields = dict(item.split("=", 1) for item in os.environ["PROCLAB_RING_LAYOUT"].split())
    return {k: int(v) for k, v in fields.items()}


def attach(ring_fd, aux_fd):
    global _ring, _ring_fd, _aux, _aux_fd, _layout
    if _ring is None:
        _layout = _parse_layout()
        _ring = mmap.mmap(ring_fd, os.fstat(ring_fd).st_size)
        _ring_fd = ring_fd
    if _aux is None and aux_fd >= 0:
        _aux = mmap.mmap(aux_fd, _AUX_ENTRIES * _AUX_ENTRY.size)
        _aux_fd = aux_fd


def _slot_header(i):
    return _layout["slot_headers"] + i * _layout["slot_size"]


def _slot_pid_offset(i):
    return _slot_header(i) + _layout["pid"]


def bind(slot):
    global _slot, _pid, _spill_fd, _spill_failed
    if _spill_fd >= 0:  # a forked child: the parent's spill file is not its own
        os.close(_spill_fd)
    _spill_fd = -1
    _spill_failed = False
    _slot = slot
    _pid = os.getpid()
    _I32.pack_into(_ring, _slot_pid_offset(slot), _pid)


class _Locked:
    """An fcntl lock on a file the processes of the run share (per process,
    so a forked child does not inherit it)."""

    def __init__(self, fd):
        self._fd = fd

    def __enter__(self):
        fcntl.lockf(self._fd, fcntl.LOCK_EX, 1, 0)

    def __exit__(self, *exc):
        fcntl.lockf(self._fd, fcntl.LOCK_UN, 1, 0)


def _pool():
    first = _layout["first_pooled"]
    return range(first, min(_layout["slots"], first + _layout["max_pooled"]))


def reserve_slot():
    with _Locked(_ring_fd):
        for i in _pool():
            if _I32.unpack_from(_ring, _slot_pid_offset(i))[0] == 0:
                _I32.pack_into(_ring, _slot_pid_offset(i), -1)
                return i
    return -1


def set_slot_owner(slot, pid):
    _I32.pack_into(_ring, _slot_pid_offset(slot), pid)


def release_slot_of(pid):
    with _Locked(_ring_fd):
        for i in _pool():
            if _I32.unpack_from(_ring, _slot_pid_offset(i))[0] == pid:
                _I32.pack_into(_ring, _slot_pid_offset(i), 0)
                return True
    return False


def slots_in_use():
    return sum(1 for i in _pool() if _I32.unpack_from(_ring, _slot_pid_offset(i))[0] != 0)


def now():
    return time.monotonic_ns()


def start_clock():
    _U64.pack_into(_ring, _layout["t0"], time.monotonic_ns())


def _append(records):
    """Appends whole records (a list of 32-byte bytes) to this process's slot."""
    if _slot < 0:
        return
    with _write_lock:
        _append_locked(records)


def _free_up_to(header):
    """Records below this are read by the host or in the spill file: free."""
    return max(_U64.unpack_from(_ring, header + _layout["read"])[0],
               _U64.unpack_from(_ring, header + _layout["spilled"])[0])


def _spill_oldest(header, written):
    """Writes the oldest quarter of the slot still in the ring to this slot's
    spill file in the run's trace directory and frees it, as the C++ writer
    does (tracewriter.cpp): the writer never waits for the host. The host
    reads records below `spilled` from the file (offset = index * 32)."""
    global _spill_fd, _spill_failed
    if _spill_failed:
        return False
    at = _layout["spill_dir"]
    raw = _ring[at:at + _layout["spill_dir_size"]]
    directory = raw[:raw.find(b"\0")] if b"\0" in raw else raw
    if not directory:
        return False
    capacity = _layout["capacity"]
    quarter = capacity // 4
    base = _free_up_to(header) // quarter * quarter
    if base + quarter > written:
        return False
    try:
        if _spill_fd < 0:
            path = directory + b"/slot-%d.spill" % _slot
            _spill_fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
        start = _layout["records"] + (_slot * capacity + (base & (capacity - 1))) * _RECORD.size
        data = _ring[start:start + quarter * _RECORD.size]
        done = 0
        while done < len(data):
            done += os.pwrite(_spill_fd, data[done:], base * _RECORD.size + done)
    except OSError:
        _spill_failed = True
        return False
    # Published before the space is reused (x86 keeps stores in order).
    _U64.pack_into(_ring, header + _layout["spilled"], base + quarter)
    spills = header + _layout["spills"]
    _U64.pack_into(_ring, spills, _U64.unpack_from(_ring, spills)[0] + 1)
    return True


def _append_locked(records):
    capacity = _layout["capacity"]
    header = _slot_header(_slot)
    written = _U64.unpack_from(_ring, header + _layout["written"])[0]
    while written + len(records) - _free_up_to(header) > capacity:
        if _I32.unpack_from(_ring, _layout["discard"])[0]:
            return  # no host drains this ring (a runner started by hand): drop, as C++ does
        if not _spill_oldest(header, written):
            time.sleep(0.00002)  # no spill file: wait for the host (counted by C++ only)
    base = _layout["records"] + _slot * capacity * _RECORD.size
    for i, rec in enumerate(records):
        at = base + ((written + i) & (capacity - 1)) * _RECORD.size
        _ring[at:at + _RECORD.size] = rec
    _U64.pack_into(_ring, header + _layout["written"], written + len(records))


def _records(kind, lane, a, b, text, t):
    data = text.encode("utf-8", "replace")[:_MAX_TEXT] if text else b""
    chunks = (len(data) + _RECORD.size - 1) // _RECORD.size
    out = [_RECORD.pack(t, lane, kind, chunks, a, b)]
    for i in range(chunks):
        out.append(data[i * _RECORD.size:(i + 1) * _RECORD.size].ljust(_RECORD.size, b"\0"))
    return out


def location():
    frame = sys._getframe(1)
    for _ in range(24):
        if frame is None:
            return None
        code = frame.f_code
        fid = _code_files.get(code)
        if fid is None:
            fid = _code_files[code] = _file_filter(code.co_filename) if _file_filter else 0
        if fid:
            return fid, frame.f_lineno
        frame = frame.f_back
    return None


def write(kind, a=0, b=0, text=None, lane=0, located=1, t=0):
    if _slot < 0:
        return
    lane = lane or _pid
    loc = location() if located else None
    t = t or time.monotonic_ns()
    recs = []
    if loc:
        recs += _records(_SOURCE_LOC, lane, loc[1], loc[0], None, t)
    _append(recs + _records(kind, lane, a, b, text, t))


def write_at(file, line, kind, a=0, b=0, text=None, lane=0):
    if _slot < 0:
        return
    lane = lane or _pid
    t = time.monotonic_ns()
    recs = _records(_SOURCE_LOC, lane, line, file, None, t) if file else []
    _append(recs + _records(kind, lane, a, b, text, t))


def _aux_find(key, insert):
    key &= 0xFFFFFFFFFFFFFFFF
    if _aux is None or key == 0:
        return -1
    i = ((key * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) >> 48 & (_AUX_ENTRIES - 1)
    for _ in range(_AUX_ENTRIES):
        k = _U64.unpack_from(_aux, i * _AUX_ENTRY.size)[0]
        if k == key:
            return i
        if k == 0:
            if not insert:
                return -1
            _U64.pack_into(_aux, i * _AUX_ENTRY.size, key)
            return i
        i = (i + 1) & (_AUX_ENTRIES - 1)
    return -1


def aux_add(key, delta=1):
    with _Locked(_aux_fd):
        i = _aux_find(key, True)
        if i < 0:
            return -1
        _k, v = _AUX_ENTRY.unpack_from(_aux, i * _AUX_ENTRY.size)
        _AUX_ENTRY.pack_into(_aux, i * _AUX_ENTRY.size, _k, v + delta)
        return v + delta


def aux_get(key):
    i = _aux_find(key, False)
    return _AUX_ENTRY.unpack_from(_aux, i * _AUX_ENTRY.size)[1] if i >= 0 else 0


def aux_set(key, value):
    with _Locked(_aux_fd):
        i = _aux_find(key, True)
        if i >= 0:
            _AUX_ENTRY.pack_into(_aux, i * _AUX_ENTRY.size, key & 0xFFFFFFFFFFFFFFFF, value)


def set_file_filter(fn):
    global _file_filter
    _file_filter = fn


def set_value_key(fn):
    pass  # Values are traced by a Python property here (mp_shared)


def install_sigterm_recorder():
    pass  # not possible in Python: the reaper records the exit at the reap
