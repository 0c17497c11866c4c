# SPDX-License-Identifier: MIT
"""Course: the same five children with no join() at all. The parent's line
is printed while the children are still running; MainProcess's code ends
first and Python joins the children only when MainProcess exits."""
import time
from multiprocessing import Process


def greet(who):
    print("hi", who)
    time.sleep(0.3)


if __name__ == "__main__":
    started = []
    for i in range(5):
        p = Process(target=greet, args=("eve",))
        p.start()
        started.append(p)
    # no join here
    print("parent goes on")
    print("children: %d" % len(started))
    print("children_alive_at_parent_line: %d" % sum(p.is_alive() for p in started))
