# SPDX-License-Identifier: MIT
"""Course: terminate() kills a process without any clean-up; if it had
started children of its own they are left behind. The course calls them
zombies; they are orphans: still running, adopted by another process
(here ProcLab's runner, else init) which reaps them when they end.
The grandchild reports its old and new parent through a Pipe."""
import os
import time
from multiprocessing import Event, Pipe, Process


def grandchild(conn, ready):
    parent = os.getppid()
    ready.set()  # its parent may be terminated from now on
    deadline = time.monotonic() + 2
    while os.getppid() == parent and time.monotonic() < deadline:
        time.sleep(0.01)  # until its parent is gone
    conn.send((parent, os.getppid()))
    time.sleep(0.2)  # lives on a little as an orphan (the timeline shows who adopted it)


def parent(conn, ready):
    Process(target=grandchild, args=(conn, ready)).start()
    time.sleep(10)  # terminated long before this ends


if __name__ == "__main__":
    receive, send = Pipe(duplex=False)
    ready = Event()
    p = Process(target=parent, args=(send, ready))
    p.start()
    send.close()  # only the grandchild writes now
    ready.wait()
    p.terminate()
    p.join()
    old_parent, new_parent = receive.recv()
    print("parent_exitcode: %d" % p.exitcode)
    print("grandchild_orphaned: %s" % (old_parent == p.pid and new_parent != p.pid))
    print("adopted_by_main: %s" % (new_parent == os.getpid()))
    try:
        receive.recv()
    except EOFError:  # the grandchild has exited: the last copy of the send end is closed
        print("grandchild_gone: True")
