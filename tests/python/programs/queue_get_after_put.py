# SPDX-License-Identifier: MIT
"""A consumer already waiting in get() while the producer puts, 100 items
through a SimpleQueue (written in put() itself) and 100 through a Queue
(written by its feeder thread): on the timeline every item's get must come
after its put, although the consumer can return from get() before the
producer returns from put()."""
import time
from multiprocessing import Process, Queue, SimpleQueue

ITEMS = 100


def consumer(q):
    for i in range(ITEMS):
        q.get()


if __name__ == "__main__":
    for q in (SimpleQueue(), Queue()):
        c = Process(target=consumer, args=(q,))
        c.start()
        for i in range(ITEMS):
            time.sleep(0.002)  # the consumer is waiting when the item comes
            q.put("%s item %d" % (type(q).__name__, i))
        c.join()
    print("items: %d" % (2 * ITEMS))
