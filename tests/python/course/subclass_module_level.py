# SPDX-License-Identifier: MIT
"""Course: a Process subclass whose run() prints its own pid, started and
joined from the top of the module, without `if __name__ == "__main__":`.
That only works where the child is a fork of the parent (Linux's default
up to Python 3.13); the fork context is asked for explicitly so the program
means the same on every version."""
import multiprocessing
import os

ctx = multiprocessing.get_context("fork")


class Chatter(ctx.Process):
    def __init__(self, name):
        super().__init__()
        self.name = name

    def run(self):
        print("pid: %d" % os.getpid())
        print(self.name, "is chatting")


p1 = Chatter("ann")
p2 = Chatter("bo")
p3 = Chatter("cy")

p1.start()  # start() runs run() in the new process
p2.start()
p3.start()

p1.join()
p2.join()
p3.join()

print("main ends")
print("main_pid: %d" % os.getpid())
print("children_pids_distinct: %s" % (len({p1.pid, p2.pid, p3.pid, os.getpid()}) == 4))
print("exitcodes: %d %d %d" % (p1.exitcode, p2.exitcode, p3.exitcode))
