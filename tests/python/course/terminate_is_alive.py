# SPDX-License-Identifier: MIT
"""Course: terminate() ends a process by force (SIGTERM), with no clean-up:
its `finally` never runs. is_alive() may still say True right after
terminate() (the signal takes a moment); after join() the exit code is
-15 (killed by signal 15)."""
import os
import time
from multiprocessing import Event, Process


def work(ready):
    try:
        ready.set()
        time.sleep(10)
    finally:
        with open("cleaned-up.txt", "w") as f:  # never written
            f.write("clean-up ran\n")


if __name__ == "__main__":
    ready = Event()
    p = Process(target=work, args=(ready,))
    p.start()
    ready.wait()
    print("alive_before_terminate: %s" % p.is_alive())
    p.terminate()
    print("alive_right_after_terminate: %s" % p.is_alive())
    p.join()
    print("alive_after_join: %s" % p.is_alive())
    print("exitcode: %d" % p.exitcode)
    print("cleanup_ran: %s" % os.path.exists("cleaned-up.txt"))
