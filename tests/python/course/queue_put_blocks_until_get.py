# SPDX-License-Identifier: MIT
"""Course: put() on a full Queue waits until some get() makes room. Main
fills a Queue(3); a child takes one item after a while; main's fourth
put() waits for exactly that."""
import time
from multiprocessing import Process, Queue


def take_one(q):
    time.sleep(0.3)
    print("child took %r" % q.get())


if __name__ == "__main__":
    q = Queue(3)
    for item in ("hello", ["1", "2", "3"], 1):
        q.put(item)
    p = Process(target=take_one, args=(q,))
    p.start()
    q.put({})  # full: waits for the child's get()
    print("fourth_put: done")
    p.join()
    print("left_in_queue: %d" % q.qsize())
