# SPDX-License-Identifier: MIT
"""Course: join() inside the loop that starts the children. Each child is
waited for before the next one is even created, so they run one after the
other (serial), although they are separate processes."""
import time
from multiprocessing import Process


def greet(who):
    print("hi", who)
    time.sleep(0.15)


if __name__ == "__main__":
    started = []
    for i in range(5):
        p = Process(target=greet, args=("eve",))
        p.start()
        started.append(p)
        p.join()  # waits here: the next child starts only after this one ended
    print("parent goes on")
    print("children: %d" % len(started))
    print("children_alive_at_parent_line: %d" % sum(p.is_alive() for p in started))
