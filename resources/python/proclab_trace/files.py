"""Files the program opens, reads and writes (the ticket race on a JSON file).

builtins.open is wrapped: an open by the user's code records `open` (its mode
bits and path) and gives that file object instance methods that record a
`read` when read() / readline() / readlines() return data, and one `write` when the
file is closed after writes (json.dump writes a document in many small
pieces; the lab records one write of the whole document). A record's value is
the integer the text holds when it holds exactly one (the ticket count of
'{"count": 3}'), else its length in characters or bytes. The file object is
the one open() made, so isinstance() checks and the program's results do not
change.
"""

import os
import re
import zlib

from . import core
from . import kinds as K
from . import source

_orig = {}
_declared = set()
_one_int = re.compile(r"-?\d+")
_LOOK = 256  # characters looked at for the value


def _value(data):
    text = data if isinstance(data, str) else bytes(data[:_LOOK]).decode("latin-1")
    found = _one_int.findall(text[:_LOOK])
    if len(found) == 1 and len(data) <= _LOOK:
        try:
            return max(-2**31, min(2**31 - 1, int(found[0])))
        except ValueError:
            pass
    return min(len(data), 2**31 - 1)


def _key(path):
    key = (zlib.crc32(b"file:" + os.fsencode(path)) << 1) | 1
    if key not in _declared:
        _declared.add(key)
        core.write_unlocated(K.OBJECT_DECL, key, K.OBJ_FILE, os.path.basename(path) or path)
    return key


def _watch(f, path):
    key = _key(path)
    written = []  # the first _LOOK characters (or bytes) written since the last close
    state = {"total": 0}  # everything written since then

    def _record_read(data):
        if isinstance(data, list):
            joined = (b"" if data and isinstance(data[0], bytes) else "").join(data)
        else:
            joined = data
        # An empty read (at the end of the file: a reader polling for more)
        # read nothing: no event, or a poll loop floods the trace.
        if isinstance(joined, (str, bytes, bytearray)) and joined:
            core.write(K.READ, K.pack_value(_value(joined), 0), key)

    def reader(method):
        def read(*args, **kwargs):
            data = method(*args, **kwargs)
            try:
                _record_read(data)
            except Exception:  # the tracer never changes what the program sees
                pass
            return data
        return read

    def writer(method):
        def write(data, *args, **kwargs):
            n = method(data, *args, **kwargs)
            try:
                if state["total"] < _LOOK and isinstance(data, (str, bytes, bytearray)):
                    written.append(data)
                state["total"] += len(data)
            except Exception:  # a buffer without len(): counted as one
                state["total"] += 1
            return n
        return write

    def writelines(lines):
        for line in lines:
            f.write(line)

    def close():
        try:
            _record_write()
        except Exception:
            pass
        return close_method()

    def _record_write():
        total = state["total"]
        if total and not f.closed:
            joined = (b"" if written and not isinstance(written[0], str) else "").join(written)
            value = _value(joined) if total <= _LOOK and len(joined) == total else total
            written.clear()
            state["total"] = 0
            core.write(K.WRITE, K.pack_value(min(value, 2**31 - 1), 0), key)

    close_method = f.close
    try:
        for name in ("read", "readline", "readlines"):
            setattr(f, name, reader(getattr(f, name)))
        f.write = writer(f.write)
        f.writelines = writelines
        f.close = close
    except (AttributeError, TypeError):
        pass  # a file object that takes no attributes: only its open is seen


def open(file, mode="r", *args, **kwargs):
    f = _orig["open"](file, mode, *args, **kwargs)
    if isinstance(file, (str, bytes, os.PathLike)) and isinstance(mode, str) \
            and source.caller_is_user(1):
        path = os.fsdecode(file)
        bits = ((K.FILE_READ if "r" in mode or "+" in mode else 0)
                | (K.FILE_WRITE if any(c in mode for c in "wax+") else 0)
                | (K.FILE_APPEND if "a" in mode else 0)
                | (K.FILE_CREATE if "w" in mode or "x" in mode else 0))
        core.write(K.FILE_OPEN, bits, 0, path)
        _watch(f, os.path.abspath(path))
    return f


def install():
    import builtins

    _orig["open"] = builtins.open
    builtins.open = open
