"""os.fork() directly: a zombie child, and an orphan adopted when its parent leaves."""
import os
import time

if __name__ == "__main__":
    pid = os.fork()
    if pid == 0:
        os._exit(7)  # quick child: a zombie until waited for
    time.sleep(0.3)
    _, status = os.waitpid(pid, 0)
    print("child exit:", os.waitstatus_to_exitcode(status))
    middle = os.fork()
    if middle == 0:
        if os.fork() == 0:  # grandchild outlives its parent: an orphan
            time.sleep(0.3)
            os._exit(0)
        os._exit(0)
    os.waitpid(middle, 0)
    time.sleep(0.5)
    print("orphans: 1")
