# SPDX-License-Identifier: MIT
"""Course: start a process by subclassing Process and putting the work in
run(). The name given to __init__ becomes the process's name (its lane).
start() makes the new process, which then calls run()."""
import random
import time
from multiprocessing import Process


class Stroller(Process):
    def __init__(self, name):
        super().__init__()  # Process.__init__ must run first
        self.name = name

    def run(self):
        print(self.name, "sets off")
        time.sleep(random.uniform(0.2, 0.5))
        print(self.name, "is back")


if __name__ == "__main__":
    p1 = Stroller("ann")
    p2 = Stroller("bo")
    p3 = Stroller("cy")
    p4 = Stroller("di")

    p1.start()  # start() calls run() in the new process
    p2.start()
    p3.start()
    p4.start()
    print("main's code is done")
    print("children_started: 4")
