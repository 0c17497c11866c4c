# SPDX-License-Identifier: MIT
"""Course: a Manager() starts a server process that holds a dict; the child
writes into it through a proxy and MainProcess sees the change. As in the
course, MainProcess waits with sleep() instead of join(): it only sees the
key if the child's write reached the server before MainProcess reads."""
import time
from multiprocessing import Manager, Process


def task(dic):
    print("child writes into the shared dict")
    dic["name"] = "ann"


if __name__ == "__main__":
    m = Manager()
    dic = m.dict({})
    p = Process(target=task, args=(dic,))
    p.start()
    time.sleep(0.5)  # the course sleeps 3 s instead of p.join()
    print("dict_after_sleep: %s" % dic)
    print("has_name: %s" % ("name" in dic))
