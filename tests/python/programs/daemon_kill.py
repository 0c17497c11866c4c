"""A daemon is terminated when main's code ends; a daemon may not have children."""
import time
from multiprocessing import Process


def grandchild():
    pass


def forever():
    try:
        Process(target=grandchild).start()
    except AssertionError as e:
        print("daemon could not start a child:", e)
    time.sleep(30)


if __name__ == "__main__":
    d = Process(target=forever, daemon=True)
    d.start()
    time.sleep(0.3)
    print("main done")
