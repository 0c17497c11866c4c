"""The three start methods side by side: each child prints its pid and parent."""
import multiprocessing as mp
import os
import sys


def hello(tag):
    print(tag, "pid", os.getpid(), "parent", os.getppid())


if __name__ == "__main__":
    methods = sys.argv[1:] or ["fork", "spawn", "forkserver"]
    for method in methods:
        ctx = mp.get_context(method)
        p = ctx.Process(target=hello, args=(method,), name="child-" + method)
        p.start()
        p.join()
    print("children:", len(methods))
