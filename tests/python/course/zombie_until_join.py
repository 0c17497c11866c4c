# SPDX-License-Identifier: MIT
"""Course: a child that has finished is not gone yet. Until its parent
collects it (join(), is_alive(), exitcode...), the OS keeps its entry so
the parent can read its exit code: it is a zombie (state Z in /proc).
MainProcess watches the child's state, keeps it a zombie for a moment,
then joins it."""
import time
from multiprocessing import Process


def quick():
    print("child done")


def state_of(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


if __name__ == "__main__":
    p = Process(target=quick)
    p.start()
    deadline = time.monotonic() + 2
    while state_of(p.pid) != "Z" and time.monotonic() < deadline:
        time.sleep(0.01)  # the child has not exited yet
    print("child_state_before_join: %s" % state_of(p.pid))
    time.sleep(0.3)  # stays a zombie: nobody has collected it
    p.join()
    print("child_state_after_join: %s" % state_of(p.pid))
    print("exitcode: %d" % p.exitcode)
