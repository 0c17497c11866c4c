# SPDX-License-Identifier: MIT
"""A child starts a grandchild with spawn and leaves at once (os._exit):
by the time the new interpreter is up, its parent is gone and it has been
adopted. The trace must still show it re-parented (from the parent that
started it to the runner), not as if the runner had started it."""
import multiprocessing
import os
import time


def grandchild():
    time.sleep(0.3)


def parent():
    multiprocessing.get_context("spawn").Process(target=grandchild).start()
    os._exit(0)


if __name__ == "__main__":
    p = multiprocessing.Process(target=parent)
    p.start()
    p.join()
    time.sleep(0.8)  # the grandchild lives on meanwhile
    print("parent_exitcode: %d" % p.exitcode)
