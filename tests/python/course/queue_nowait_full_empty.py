# SPDX-License-Identifier: MIT
"""Course: put(block=False) on a full Queue raises queue.Full at once, and
get(block=False) on an empty one raises queue.Empty. A catch the course
does not show: a put() is handed to a background thread that writes it
into the pipe, so a non-blocking get() right after may find nothing yet."""
import queue
from multiprocessing import Queue

if __name__ == "__main__":
    q = Queue(3)
    q.put("hello", block=False)
    q.put(["1", "2", "3"], block=False)
    q.put(1, block=False)
    try:
        q.put({}, block=False)  # no room left
        print("fourth_put: accepted")
    except queue.Full:
        print("fourth_put: Full")
    got, empties = [], 0
    for i in range(4):
        try:
            got.append(q.get(block=False))
        except queue.Empty:
            empties += 1
    print("nonblocking_gets_ok: %d" % len(got))
    print("empty_raised: %d" % empties)
