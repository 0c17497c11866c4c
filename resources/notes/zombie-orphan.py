import os
import time
from multiprocessing import Process

MODE = "both"  # the lab's "mode": zombie | orphan | both
HOLD = 3.0  # hold_ms / 1000


def state(pid):  # R running, S sleeping, Z zombie
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0]


def quick():  # @running(with:zombie)
    print("quick child: done")  # @stdout(child) @exit(with:zombie)


def orphan():  # @running(with:reparent)
    print("orphan: my parent is", os.getppid())  # @stdout(with:reparent)
    time.sleep(HOLD)  # @sleep(with:reparent) @reparent
    print("orphan: now my parent is", os.getppid())  # @stdout(with:reparent) @exit(with:reparent)


def middle():  # @running(child)
    Process(target=orphan).start()  # @start(child)
    time.sleep(0.2)  # @sleep(child)
    os._exit(0)  # @exit(child)


if __name__ == "__main__":
    if MODE in ("zombie", "both"):
        z = Process(target=quick)
        z.start()  # @start
        time.sleep(0.5)  # @sleep(main) @zombie
        print("finished but not joined, state:", state(z.pid))  # @stdout(main)
        time.sleep(HOLD)  # @sleep(main)
        z.join()  # @join @reaped
    if MODE in ("orphan", "both"):
        m = Process(target=middle)
        m.start()  # @start
        m.join()  # @join
        time.sleep(HOLD + 0.5)  # @sleep(main)
