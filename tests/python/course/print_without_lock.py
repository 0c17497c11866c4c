# SPDX-License-Identifier: MIT
"""Course: why a lock? The same three tasks with no lock: their lines
interleave in whatever order the scheduler runs them."""
from multiprocessing import Process

LINES = 200


def task(mark, width):
    for i in range(LINES):
        print(mark * width)


if __name__ == "__main__":
    p1 = Process(target=task, args=("a", 5))
    p2 = Process(target=task, args=("b", 15))
    p3 = Process(target=task, args=("c", 35))

    p1.start()
    p2.start()
    p3.start()

    print("over!")
    print("lines_per_task: %d" % LINES)
