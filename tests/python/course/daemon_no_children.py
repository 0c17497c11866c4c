# SPDX-License-Identifier: MIT
"""Course: a daemon process may not start children of its own: start() in a
daemon raises AssertionError ("daemonic processes are not allowed to have
children"); uncaught, it ends the daemon with exit code 1."""
from multiprocessing import Process


def helper():
    print("helper runs")  # never: the daemon cannot start it


def guardian():
    print("guardian starts a helper")
    Process(target=helper).start()


if __name__ == "__main__":
    d = Process(target=guardian, daemon=True)
    d.start()
    d.join()
    print("daemon_exitcode: %d" % d.exitcode)
