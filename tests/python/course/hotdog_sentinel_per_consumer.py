# SPDX-License-Identifier: MIT
"""Course: three hot-dog stands (producers) make 3 hot dogs each into one
Queue; two eaters (consumers) take them until they get None. MainProcess
joins the three stands and then puts one None per eater: every hot dog is
eaten. (It has to know how many eaters there are.)"""
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


def eat_hotdogs(q, eater):
    while True:
        hotdog = q.get()
        if not hotdog:  # None: no more hot dogs
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

    p1.join()  # wait until all three stands are done...
    p2.join()
    p3.join()
    q.put(None)  # ...then one None per eater
    q.put(None)

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
