# SPDX-License-Identifier: MIT
"""Course: start every child first, then join them all (the list
comprehension the course leaves commented out). The children run at the
same time; the parent's line comes after all of them ended."""
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
    for p in started:  # the course writes: [p.join() for p in p_lst]
        p.join()
    print("parent goes on")
    print("children: %d" % len(started))
    print("children_alive_at_parent_line: %d" % sum(p.is_alive() for p in started))
