# SPDX-License-Identifier: MIT
"""Course (the commented-out alternative to the lock): start and join each
task in turn. The blocks are whole as well, but the order is fixed (a, b,
c) and everything a task does is serial, not just the printing."""
from multiprocessing import Process

LINES = 200


def task_a():
    for i in range(LINES):
        print("a" * 5)


def task_b():
    for i in range(LINES):
        print("b" * 15)


def task_c():
    for i in range(LINES):
        print("c" * 35)


if __name__ == "__main__":
    p1 = Process(target=task_a)
    p2 = Process(target=task_b)
    p3 = Process(target=task_c)

    p1.start()
    p1.join()
    p2.start()
    p2.join()
    p3.start()
    p3.join()

    print("over!")
    print("lines_per_task: %d" % LINES)
