"""Which code is the user's, file ids for SourceLoc records, and names for
shared objects read from the line that created them (`counter = Value(...)`
gives "counter")."""

import linecache
import os
import re
import site
import sys
import sysconfig
import zlib

from . import core
from . import kinds as K

_here = os.path.dirname(os.path.abspath(__file__))
_library_dirs = set()
for _key in ("stdlib", "platstdlib", "purelib", "platlib"):
    _p = sysconfig.get_paths().get(_key)
    if _p:
        _library_dirs.add(os.path.realpath(_p))
try:
    for _p in site.getsitepackages():
        _library_dirs.add(os.path.realpath(_p))
except AttributeError:  # virtualenvs of old
    pass
_library_dirs.add(os.path.realpath(os.path.dirname(_here)))  # the tracer and its sitecustomize
_library_prefixes = tuple(d.rstrip(os.sep) + os.sep for d in sorted(_library_dirs))

_paths = {}  # file id -> absolute path (declared in this process)
_ids = {}  # filename as the code object has it -> file id
_start_dir = os.getcwd()


def is_user_file(filename):
    if not filename or filename.startswith("<"):
        return False
    path = os.path.realpath(os.path.join(_start_dir, filename))
    return not path.startswith(_library_prefixes)


def file_id(filename):
    """File id of a user's source file (declared once per process), 0 otherwise."""
    fid = _ids.get(filename)
    if fid is not None:
        return fid
    fid = 0
    if is_user_file(filename):
        path = os.path.realpath(os.path.join(_start_dir, filename))
        fid = (zlib.crc32(path.encode("utf-8", "surrogateescape")) & 0x7FFFFFFF) or 1
        if fid not in _paths:
            _paths[fid] = path
            core.write_unlocated(K.OBJECT_DECL, fid, K.OBJ_SOURCE_FILE, path)
    _ids[filename] = fid
    return fid


def forget_declarations():
    """After fork: the child declares again what it uses (cheap, and a trace
    cut to one process stays readable)."""
    _paths.clear()
    _ids.clear()


_factories = None


def called_from_user(depth):
    """Did the user's code itself create this: `ctx.Pipe()` and `Pipe()` alike
    (multiprocessing's context layer in between), but not the queues, locks
    and pipes a Pool, a Queue or a Manager makes for its own use."""
    global _factories
    if _factories is None:
        import multiprocessing

        mp = os.path.dirname(os.path.realpath(multiprocessing.__file__))
        _factories = (os.path.join(mp, "context.py"), os.path.join(mp, "__init__.py"))
    try:
        frame = sys._getframe(depth + 1)
    except ValueError:
        return False
    while frame is not None:
        filename = frame.f_code.co_filename
        if not (filename in _factories or filename.startswith(_here + os.sep)):
            return file_id(filename) != 0
        frame = frame.f_back
    return False


def caller_is_user(depth):
    """Is the frame `depth` levels above the caller's the user's code?"""
    try:
        frame = sys._getframe(depth + 1)
    except ValueError:
        return False
    return file_id(frame.f_code.co_filename) != 0


_assign = re.compile(r"^\s*([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*(?::[^=]*)?=(?!=)")


def _user_frame():
    frame = sys._getframe(2)
    while frame is not None and file_id(frame.f_code.co_filename) == 0:
        frame = frame.f_back
    return frame


def _target_of_call(frame, text, targets, callee):
    """`a, b = Lock(), Event()`: the target of the call being made now, found
    from the call's column (CPython 3.11+ knows it), else from its name."""
    import ast

    indent = len(text) - len(text.lstrip())
    try:
        node = ast.parse(text.strip()).body[0]
    except (SyntaxError, IndexError):
        return None
    value = getattr(node, "value", None)
    if not isinstance(value, ast.Tuple) or len(value.elts) != len(targets):
        return None
    col = None
    positions = getattr(frame.f_code, "co_positions", None)
    if positions is not None and frame.f_lasti >= 0:
        entries = list(positions())
        if frame.f_lasti // 2 < len(entries):
            col = entries[frame.f_lasti // 2][2]
    for i, elt in enumerate(value.elts):
        if col is not None and elt.col_offset <= col - indent < (elt.end_col_offset or 0):
            return targets[i]
    def callee_name(call):
        func = call.func
        return getattr(func, "attr", None) or getattr(func, "id", "")

    named = [i for i, elt in enumerate(value.elts)
             if isinstance(elt, ast.Call) and callee and callee_name(elt) == callee]
    return targets[named[0]] if len(named) == 1 else None


def name_from_source(default, callee=None):
    """The name the user's line gives what it creates (`lock = Lock()` gives
    "lock"; `a, b = Pipe()` gives "a, b"), else `default`."""
    frame = _user_frame()
    if frame is None:
        return default
    text = linecache.getline(frame.f_code.co_filename, frame.f_lineno)
    m = _assign.match(text)
    if not m:
        return default
    targets = [p.strip().rsplit(".", 1)[-1] for p in m.group(1).split(",")]
    if len(targets) == 1 or callee in ("Pipe",):
        return ", ".join(targets)
    return _target_of_call(frame, text, targets, callee) or default


_counters = {}


def numbered(kind):
    """Lock-1, Lock-2, ...: a default name for an object no line names."""
    n = _counters.get(kind, 0) + 1
    _counters[kind] = n
    return "%s-%d" % (kind, n)


def traceback_tail(tb, lines=4):
    """The last lines of a traceback, as Python prints them, and where the
    user's code raised: (text, file id, line)."""
    import traceback

    entries = traceback.extract_tb(tb)
    fid = line = 0
    for entry in reversed(entries):
        f = file_id(entry.filename)
        if f:
            fid, line = f, entry.lineno
            break
    text = "".join(traceback.format_list(entries[-lines:]))
    return text, fid, line
