# SPDX-License-Identifier: MIT
"""Course: a daemon child (daemon=True, set before start()) is terminated
as soon as MainProcess's code ends: its second line is never printed."""
import time
from multiprocessing import Process


def download(what):
    print(what, "download starts")
    time.sleep(3)
    print(what, "download finished")  # never reached: main ends first


if __name__ == "__main__":
    p = Process(target=download, args=("video",))
    p.daemon = True  # must be set before start()
    p.start()
    print("main closes the app")
    print("daemon: %s" % p.daemon)
