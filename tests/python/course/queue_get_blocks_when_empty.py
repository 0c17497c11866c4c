# SPDX-License-Identifier: MIT
"""Course: a Queue holds any picklable items (a string, a list, a number)
and hands them back in the order they were put. The course's fourth get()
has nothing to return and would block for ever; here it waits 0.3 s and
gives up with queue.Empty, so the program ends."""
import queue
from multiprocessing import Queue

if __name__ == "__main__":
    q = Queue()
    q.put("hello")
    q.put(["1", "2", "3"])
    q.put(1)
    print("got: %r %r %r" % (q.get(), q.get(), q.get()))
    try:
        q.get(timeout=0.3)  # the course's fourth get(): nothing left
        print("fourth_get: returned")
    except queue.Empty:
        print("fourth_get: blocked, then Empty")
