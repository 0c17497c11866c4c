"""Loaded by every Python process of a program ProcLab runs (this directory is
on PYTHONPATH only for those): starts ProcLab's tracer, then runs the
sitecustomize this one hides, if the system has one."""

import os
import sys


def _start_tracer():
    if not os.environ.get("PROCLAB_RING_FD"):
        return
    try:
        import proclab_trace

        proclab_trace.install()
    except Exception as e:  # never stop the program because tracing failed
        sys.stderr.write("proclab: the tracer could not start in this process: %s\n" % e)


def _chain():
    import importlib.util

    here = os.path.dirname(os.path.abspath(__file__))
    for entry in sys.path:
        path = os.path.join(entry or os.getcwd(), "sitecustomize.py")
        if os.path.abspath(os.path.dirname(path)) == here or not os.path.isfile(path):
            continue
        spec = importlib.util.spec_from_file_location("_proclab_system_sitecustomize", path)
        if spec and spec.loader:
            try:
                spec.loader.exec_module(importlib.util.module_from_spec(spec))
            except Exception:
                pass
        return


_start_tracer()
_chain()
