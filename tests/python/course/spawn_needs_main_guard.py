# SPDX-License-Identifier: MIT
"""Course: "on Windows, Process() must be under if __name__ == '__main__'".
Windows starts a child by running a fresh interpreter that imports the
parent's program again (spawn, also available on Linux). Without the guard
that import reaches the same start() line again, and Python refuses to
start a process while the child is still bootstrapping: the child fails
with exit code 1 and its work never runs."""
import multiprocessing


def hello():
    print("hello from the child")  # never printed


ctx = multiprocessing.get_context("spawn")
p = ctx.Process(target=hello)
p.start()  # no `if __name__ == "__main__":` around this
p.join()
print("child_exitcode: %d" % p.exitcode)
