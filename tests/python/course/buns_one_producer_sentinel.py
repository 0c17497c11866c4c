# SPDX-License-Identifier: MIT
"""Course: one cook (producer) makes 10 steamed buns into a Queue and then
puts None; one eater (consumer) eats until it gets None. One producer and
one consumer: one sentinel is exactly enough. MainProcess starts both and
does not join them (Python joins them when MainProcess's code ends)."""
import os
import random
import time
from multiprocessing import Process, Queue

BUNS = 10


def eater(q):
    eaten = 0
    while True:
        bun = q.get()
        if bun is None:  # the end signal
            break
        time.sleep(random.uniform(0.01, 0.03))
        eaten += 1
        print("%d ate %s" % (os.getpid(), bun))
    print("eaten: %d" % eaten)


def cook(q):
    for i in range(BUNS):
        time.sleep(random.uniform(0.01, 0.03))
        bun = "bun %d" % i
        q.put(bun)
        print("%d made %s" % (os.getpid(), bun))
    q.put(None)  # the end signal


if __name__ == "__main__":
    q = Queue()
    p1 = Process(target=cook, args=(q,))
    c1 = Process(target=eater, args=(q,))
    p1.start()
    c1.start()
    print("buns_to_make: %d" % BUNS)
