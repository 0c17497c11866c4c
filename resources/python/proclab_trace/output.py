"""What each process prints, line by line on its own lane (bounded), and
uncaught exceptions as `error` events with their last traceback lines."""

import sys

from . import core, source
from . import kinds as K

MAX_RECORDED_BYTES = 1 << 20  # per process; a flood is cut (and says so)
MAX_LINE = 2000


class _Tee:
    """Stands in for sys.stdout / sys.stderr: everything still goes to the
    real stream; complete lines are also recorded."""

    def __init__(self, stream, which):
        self._stream = stream
        self._which = which  # 1 stdout, 2 stderr
        self._partial = ""

    def write(self, text):
        n = self._stream.write(text)
        if isinstance(text, str) and text:
            self._record(text)
        return n

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def _record(self, text):
        if _budget.cut:
            _budget.count(len(text))
            return
        text = self._partial + text
        lines = text.split("\n")
        self._partial = lines.pop()
        for line in lines:
            self._emit(line)
        if len(self._partial) > MAX_LINE:
            self._emit(self._partial)
            self._partial = ""

    def _emit(self, line):
        if _budget.spend(len(line) + 1):
            core.write(K.STDOUT, 0, self._which, line[:MAX_LINE])

    def flush_partial(self):
        if self._partial:
            self._emit(self._partial)
            self._partial = ""

    def forget_partial(self):
        self._partial = ""

    def __getattr__(self, attr):  # encoding, buffer, isatty, fileno, flush, ...
        return getattr(self._stream, attr)


class _Budget:
    def __init__(self):
        self.reset()

    def reset(self):
        self.used = 0
        self.cut = False
        self.dropped = 0

    def spend(self, n):
        if self.used + n > MAX_RECORDED_BYTES:
            self.cut = True
            self.count(n)
            core.write_unlocated(K.OUTPUT_CUT, self.dropped)
            return False
        self.used += n
        return True

    def count(self, n):
        self.dropped += n


_budget = _Budget()
_tees = []


def before_fork():
    pass  # what is buffered is the parent's; the child forgets it (after_fork_in_child)


def after_fork_in_child():
    _budget.reset()
    for tee in _tees:
        tee.forget_partial()


def flush_all():
    for tee in _tees:
        tee.flush_partial()
    if _budget.cut:
        core.write_unlocated(K.OUTPUT_CUT, _budget.dropped)


def record_exception(exc_type, exc, tb):
    """An uncaught exception, on this process's lane, at the user's line that raised it."""
    if exc_type is None or issubclass(exc_type, SystemExit):
        return
    text, fid, line = source.traceback_tail(tb)
    message = "%s: %s" % (exc_type.__name__, exc) if str(exc) else exc_type.__name__
    core.native.write_at(fid, line, K.ERROR, 0, 0, (message + "\n" + text)[:4000])


def _excepthook(exc_type, exc, tb):
    record_exception(exc_type, exc, tb)
    _orig_excepthook(exc_type, exc, tb)


_orig_excepthook = sys.excepthook


def install():
    global _orig_excepthook
    for attr, which in (("stdout", 1), ("stderr", 2)):
        stream = getattr(sys, attr)
        if stream is not None and not isinstance(stream, _Tee):
            tee = _Tee(stream, which)
            _tees.append(tee)
            setattr(sys, attr, tee)
    _orig_excepthook = sys.excepthook
    sys.excepthook = _excepthook
    import atexit

    atexit.register(flush_all)
