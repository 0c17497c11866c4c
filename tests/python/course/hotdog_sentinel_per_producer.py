# SPDX-License-Identifier: MIT
"""Course (its commented-out variant): each of the three stands puts a None
when it is done, instead of MainProcess putting one per eater. There are
only two eaters: each stops at the first None it gets, so the hot dogs
queued after the second None are never eaten, and one None is left over."""
import queue
import random
import time
from multiprocessing import Process, Queue

PER_STAND = 3


def make_hotdogs(q, stand):
    for i in range(PER_STAND):
        time.sleep(random.uniform(0.05, 0.15))
        print("%s made hot dog %d" % (stand, i))
        q.put("%s hot dog %d" % (stand, i))
    q.put(None)  # this stand is done


def eat_hotdogs(q, eater):
    while True:
        hotdog = q.get()
        if not hotdog:  # None: this eater thinks everything is done
            break
        time.sleep(random.uniform(0.05, 0.1))
        print("%s ate %s" % (eater, hotdog))


if __name__ == "__main__":
    q = Queue()
    p1 = Process(target=make_hotdogs, args=(q, "north"))
    p2 = Process(target=make_hotdogs, args=(q, "south"))
    p3 = Process(target=make_hotdogs, args=(q, "west"))
    c1 = Process(target=eat_hotdogs, args=(q, "ann"))
    c2 = Process(target=eat_hotdogs, args=(q, "bo"))

    p1.start()
    p2.start()
    p3.start()
    c1.start()
    c2.start()

    p1.join()
    p2.join()
    p3.join()
    c1.join()  # not in the course: to count what was left
    c2.join()
    left = sentinels = 0
    while True:
        try:
            item = q.get(timeout=0.1)
        except queue.Empty:
            break
        if item is None:
            sentinels += 1
        else:
            left += 1
    print("hotdogs_made: %d" % (3 * PER_STAND))
    print("hotdogs_eaten: %d" % (3 * PER_STAND - left))
    print("items_unprocessed: %d" % left)
    print("sentinels_left: %d" % sentinels)
