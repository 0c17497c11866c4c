"""ProcLab's tracer for CPython programs (standard library only; an optional
extension module is its fast path).

ProcLab's runner starts `python3 PROGRAM` with this directory's parent on
PYTHONPATH and the run's trace ring in PROCLAB_RING_FD; sitecustomize then
calls install() before the program's first line, in the main process and in
every Python process it starts (fork, spawn, forkserver, subprocess). Each
process writes the runtime's own binary records into its own slot of the
ring, so the host decodes a Python run with the code it decodes a lab with.
The program itself is not changed and computes what it computes untraced.
"""

import os
import sys

__all__ = ["install"]

_installed = False


def _register_hooks():
    from . import importhook, mp_connection, mp_managers, mp_pool, mp_process, mp_queues
    from . import mp_shared, mp_sync

    hooks = (
        ("multiprocessing.process", mp_process.patch_process),
        ("multiprocessing.util", mp_process.patch_util),
        ("multiprocessing.spawn", mp_process.patch_spawn),
        ("multiprocessing.context", mp_sync.patch_context),
        ("multiprocessing.context", mp_queues.patch_context),
        ("multiprocessing.synchronize", mp_sync.patch_synchronize),
        ("multiprocessing.sharedctypes", mp_shared.patch_sharedctypes),
        ("multiprocessing.shared_memory", mp_shared.patch_shared_memory),
        ("multiprocessing.queues", mp_queues.patch_queues),
        ("multiprocessing.connection", mp_connection.patch_connection),
        ("multiprocessing.managers", mp_managers.patch_managers),
        ("multiprocessing.pool", mp_pool.patch_pool),
        ("concurrent.futures.process", mp_pool.patch_futures),
    )
    importhook.install()
    for name, patch in hooks:
        importhook.when_imported(name, patch)


def install():
    """Binds this process to its ring slot, opens its lane and installs the hooks."""
    global _installed
    if _installed:
        return
    from . import core, files, lifecycle, output, source
    from . import kinds as K

    env = os.environ
    core.native.attach(int(env["PROCLAB_RING_FD"]), int(env.get("PROCLAB_AUX_FD", "-1")))
    core.native.set_file_filter(source.file_id)
    slot = env.pop("PROCLAB_SLOT", None)
    name = env.pop("PROCLAB_CHILD_NAME", None)
    flags = int(env.pop("PROCLAB_CHILD_FLAGS", "0") or 0)
    # Its parent when it was started (os.getppid() is its adopter if that one has ended).
    parent = int(env.pop("PROCLAB_CHILD_PARENT", "0") or 0) or os.getppid()
    if slot is None:  # started by something the tracer did not see (a shell, os.system)
        slot = core.native.reserve_slot()
        if slot < 0:
            return  # over the limit: this process runs untraced
        name = name or " ".join([os.path.basename(sys.argv[0] or "python")] + sys.argv[1:2])
        flags |= K.PROC_SPAWNED
    slot = int(slot)
    if slot == K.MAIN_SLOT:
        name, flags = "MainProcess", K.PROC_MAIN
        core.native.start_clock()
    core.begin_process(slot, name, parent, flags)
    lifecycle.install()
    files.install()
    output.install()
    _register_hooks()
    _installed = True
