# SPDX-License-Identifier: MIT
"""Course: processes do not share memory. The child rebinds a global and
prints its own copy; MainProcess's global is unchanged, before the join
(as the course prints it) and after it too."""
from multiprocessing import Process


def work():
    global n
    n = 0
    print("child_n: %d" % n)


if __name__ == "__main__":
    n = 100
    p = Process(target=work)
    p.start()
    print("main_n: %d" % n)
    p.join()
    print("main_n_after_join: %d" % n)
