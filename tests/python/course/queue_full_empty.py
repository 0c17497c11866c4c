# SPDX-License-Identifier: MIT
"""Course: a Queue with room for 3. After three put()s full() is True (a
fourth put() would block); three get()s return them first in, first out,
and then empty() is True (a fourth get() would block). No child process:
one process can use a queue too."""
from multiprocessing import Queue

if __name__ == "__main__":
    q = Queue(3)
    q.put(1)
    q.put(2)
    q.put(3)
    print("full_after_3_puts: %s" % q.full())
    got = [q.get(), q.get(), q.get()]
    print("got: %s" % " ".join(str(x) for x in got))
    print("empty_after_3_gets: %s" % q.empty())
