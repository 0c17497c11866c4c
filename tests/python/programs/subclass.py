"""A Process subclass with its own __init__, name= and kwargs=."""
import os
from multiprocessing import Process


class Worker(Process):
    def __init__(self, label):
        super().__init__()
        self.label = label
        self.name = "worker-" + label

    def run(self):
        print(self.name, "runs in", os.getpid())


def greet(who, punctuation="!"):
    print("hello", who + punctuation)


if __name__ == "__main__":
    w = Worker("a")
    w.start()
    g = Process(target=greet, name="greeter", args=("course",), kwargs={"punctuation": "?"})
    g.start()
    w.join()
    g.join()
    r = Process(target=greet, args=("run",))
    r.run()  # runs in this process; never started
    try:
        r.join()
    except AssertionError as e:
        print("join after run():", e)
