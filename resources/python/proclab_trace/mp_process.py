"""multiprocessing.Process: start (with its start method and name), join
(also the implicit one at exit), the child's name and uncaught errors, and
the daemons Python terminates when a process ends."""

import os

from . import core, output
from . import kinds as K

_orig = {}
_at_exit = False


def _start(self):
    core.set_pending_start({"name": self.name, "daemon": bool(self.daemon)})
    t = core.now_for_later_record()
    try:
        _orig["start"](self)
    except BaseException as e:
        core.write(K.ERROR, 0, 0, str(e) or type(e).__name__)
        raise
    finally:
        core.set_pending_start(None)
    method = K.METHODS.get(getattr(self._popen, "method", "fork"), K.METHOD_FORK)
    core.native.write(K.START, self._popen.pid, method, self.name, 0, 1, t)


def _join(self, timeout=None):
    popen = self._popen
    if popen is None or self._parent_pid != os.getpid():
        try:
            return _orig["join"](self, timeout)
        except BaseException as e:  # "can only join a started process", ...
            core.write(K.ERROR, 0, 0, str(e) or type(e).__name__)
            raise
    if _at_exit:
        limit = -2
    elif timeout is None:
        limit = -1
    else:
        limit = int(max(timeout, 0) * 1e6)
    core.write(K.JOIN_BEGIN, popen.pid, limit)
    try:
        return _orig["join"](self, timeout)
    finally:
        core.write(K.JOIN_END, popen.pid, 1 if popen.returncode is None else 0)


def _traced_run(run):
    def run_traced():
        try:
            return run()
        except SystemExit:
            raise
        except BaseException as e:
            output.record_exception(type(e), e, e.__traceback__)
            raise

    return run_traced


def _bootstrap(self, *args, **kwargs):
    core.rename(self.name)
    self.run = _traced_run(self.run)
    return _orig["_bootstrap"](self, *args, **kwargs)


def _exit_function(*args, **kwargs):
    """multiprocessing's atexit handler: terminates daemonic children, joins the rest."""
    global _at_exit
    _at_exit = True
    from multiprocessing import process

    me = os.getpid()
    for p in list(process._children):
        popen = p._popen
        if p.daemon and popen is not None and popen.returncode is None:
            core.write(K.DAEMON_TERMINATED, me, 0, None, popen.pid)
    return _orig["_exit_function"](*args, **kwargs)


def _spawn_main(*args, **kwargs):
    code = _orig["_main"](*args, **kwargs)
    output.flush_all()
    core.record_exit(code)
    return code


def patch_process(module):
    cls = module.BaseProcess
    _orig["start"], cls.start = cls.start, _start
    _orig["join"], cls.join = cls.join, _join
    _orig["_bootstrap"], cls._bootstrap = cls._bootstrap, _bootstrap


def patch_util(module):
    import atexit

    _orig["_exit_function"] = module._exit_function
    atexit.unregister(module._exit_function)
    module._exit_function = _exit_function
    atexit.register(_exit_function)


def patch_spawn(module):
    _orig["_main"], module._main = module._main, _spawn_main
