# SPDX-License-Identifier: MIT
"""Course: calling p.run() instead of p.start(). run() is an ordinary method
call: the body runs in the caller (MainProcess, same pid), no process is
made, and join() then refuses: it can only join a process start() made."""
import os
from multiprocessing import Process


class Chatter(Process):
    def __init__(self, name):
        super().__init__()
        self.name = name
        self.ran_in = None

    def run(self):
        self.ran_in = os.getpid()  # seen by MainProcess only when run() runs there
        print("pid: %d" % os.getpid())
        print(self.name, "is chatting")


if __name__ == "__main__":
    p1 = Chatter("ann")
    p2 = Chatter("bo")
    p3 = Chatter("cy")

    p1.start()
    p2.run()  # not start(): runs here, in MainProcess
    p3.start()

    p1.join()
    try:
        p2.join()
    except AssertionError as e:
        print("join_error: %s" % e)
    p3.join()

    print("run_ran_in_main: %s" % (p2.ran_in == os.getpid()))
    print("processes_started: %d" % sum(p.pid is not None for p in (p1, p2, p3)))
