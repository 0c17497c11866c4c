# SPDX-License-Identifier: MIT
"""Each of 16 parents starts a daemon and ends at once: its exit handler
terminates the daemon a moment after the fork, often before the daemon's
tracer has bound its own ring slot (the window a fork child inherits its
parent's binding and SIGTERM handler). Every lane must keep its own exit
code: parents 0, daemons -15, MainProcess 0."""
import time
from multiprocessing import Process


def daemon():
    time.sleep(5)


def parent():
    Process(target=daemon, daemon=True).start()


if __name__ == "__main__":
    parents = [Process(target=parent) for i in range(16)]
    for p in parents:
        p.start()
    for p in parents:
        p.join()
    print("parents_exit_0: %d" % sum(p.exitcode == 0 for p in parents))
