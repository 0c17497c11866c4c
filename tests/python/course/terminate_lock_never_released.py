# SPDX-License-Identifier: MIT
"""Course: a process terminated while it holds a Lock never releases it;
whoever needs the lock next would wait for ever (a deadlock). MainProcess
waits only 0.3 s for it here, so the program ends."""
import time
from multiprocessing import Event, Lock, Process


def holder(lock, holding):
    lock.acquire()
    holding.set()
    time.sleep(10)  # keeps the lock; terminated before it would release it
    lock.release()


if __name__ == "__main__":
    lock = Lock()
    holding = Event()
    p = Process(target=holder, args=(lock, holding))
    p.start()
    holding.wait()
    p.terminate()
    p.join()
    print("holder_exitcode: %d" % p.exitcode)
    print("lock_acquired_after_terminate: %s" % lock.acquire(timeout=0.3))
