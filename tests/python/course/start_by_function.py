# SPDX-License-Identifier: MIT
"""Course: start a process by handing Process a function (target=) and its
arguments (args=, a tuple: note the trailing comma). Four children are
started one after the other; MainProcess does not wait for them and prints
its own line at once. Python still waits for them when MainProcess's code
ends (multiprocessing joins non-daemon children at exit)."""
import random
import time
from multiprocessing import Process


def stroll(who):
    print(who, "sets off")
    time.sleep(random.uniform(0.2, 0.5))
    print(who, "is back")


if __name__ == "__main__":
    p1 = Process(target=stroll, args=("ann",))  # args must be a tuple: ("ann",)
    p2 = Process(target=stroll, args=("bo",))
    p3 = Process(target=stroll, args=("cy",))
    p4 = Process(target=stroll, args=("di",))

    p1.start()  # asks the OS for a new process; returns at once
    p2.start()
    p3.start()
    p4.start()
    print("main's code is done")
    print("children_started: 4")
