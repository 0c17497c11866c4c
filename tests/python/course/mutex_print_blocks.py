# SPDX-License-Identifier: MIT
"""Course: three tasks print to the same terminal, each a block of its own
lines, holding one shared Lock while they print. Whoever gets the lock
first prints its whole block; the order of the blocks is not fixed.
MainProcess does not join them and says "over!" at once."""
from multiprocessing import Lock, Process

LINES = 200


def task_a(lock):
    lock.acquire()
    for i in range(LINES):
        print("a" * 5)
    lock.release()


def task_b(lock):
    lock.acquire()
    for i in range(LINES):
        print("b" * 15)
    lock.release()


def task_c(lock):
    lock.acquire()
    for i in range(LINES):
        print("c" * 35)
    lock.release()


if __name__ == "__main__":
    mutex = Lock()  # one lock, handed to every task: they must share the same one
    p1 = Process(target=task_a, args=(mutex,))
    p2 = Process(target=task_b, args=(mutex,))
    p3 = Process(target=task_c, args=(mutex,))

    p1.start()
    p2.start()
    p3.start()

    print("over!")
    print("lines_per_task: %d" % LINES)
