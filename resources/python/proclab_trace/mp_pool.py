"""Pool and concurrent.futures.ProcessPoolExecutor: each task an interval
on the worker that ran it, named after the function (map's chunks say how
many items they hold)."""

from . import core
from . import kinds as K

_orig = {}
_tasks = [0]


def _function_name(func, args):
    inner = func
    count = 0
    # Pool.map sends mapstar(func, chunk); ProcessPoolExecutor.map sends
    # partial(_process_chunk, fn)(chunk).
    if getattr(func, "__name__", "") in ("mapstar", "starmapstar") and args:
        inner, count = args[0][0], len(args[0][1])
    elif getattr(func, "func", None) is not None and getattr(func.func, "__name__", "") == "_process_chunk":
        inner = func.args[0] if func.args else func.keywords.get("fn")
        count = len(args[0]) if args else 0
    name = getattr(inner, "__qualname__", None) or getattr(inner, "__name__", None) or repr(inner)
    return "%s ×%d" % (name, count) if count else name


def _traced_call(func, name):
    def call(*args, **kwargs):
        _tasks[0] += 1
        n = _tasks[0]
        core.write_unlocated(K.TASK_BEGIN, n, 0, name)
        failed = 1
        try:
            result = func(*args, **kwargs)
            failed = 0
            return result
        finally:
            core.write_unlocated(K.TASK_END, n, failed)

    return call


def _pool_worker(inqueue, outqueue, *args, **kwargs):
    get = inqueue.get

    def traced_get():
        task = get()
        if task is None:
            return task
        job, i, func, fargs, kwds = task
        return job, i, _traced_call(func, _function_name(func, fargs)), fargs, kwds

    inqueue.get = traced_get
    if "worker" not in _orig:  # a spawned worker: importing the pool patches it
        import multiprocessing.pool  # noqa: F401
    return _orig["worker"](inqueue, outqueue, *args, **kwargs)


def _executor_worker(call_queue, *args, **kwargs):
    get = call_queue.get

    def traced_get(*a, **k):
        item = get(*a, **k)
        if item is not None and hasattr(item, "fn"):
            item.fn = _traced_call(item.fn, _function_name(item.fn, item.args))
        return item

    call_queue.get = traced_get
    if "_process_worker" not in _orig:
        import concurrent.futures.process  # noqa: F401
    return _orig["_process_worker"](call_queue, *args, **kwargs)


def patch_pool(module):
    _orig["worker"], module.worker = module.worker, _pool_worker


def patch_futures(module):
    _orig["_process_worker"], module._process_worker = module._process_worker, _executor_worker
