# SPDX-License-Identifier: MIT
"""Course: the same ten buyers and one ticket, with a Lock around buy()
(`with lock:` acquires it and releases it at the end of the block). Looking
up still happens at the same time; buying happens one buyer at a time, so
only the first buyer to get the lock finds a ticket. Slower, but correct."""
import json
import time
from multiprocessing import Lock, Process

DELAY = 0.1  # the course waits 1 s at each step


def look_up(name):
    with open("db.txt") as f:
        left = json.load(f)["count"]
    time.sleep(DELAY)
    print("%s sees %d ticket(s) left" % (name, left))


def buy(name):
    with open("db.txt") as f:
        db = json.load(f)
    time.sleep(DELAY)  # reading over the network
    if db["count"] > 0:
        db["count"] -= 1
        time.sleep(DELAY)  # writing over the network
        with open("db.txt", "w") as f:
            json.dump(db, f)
        with open("sales.log", "a") as f:
            f.write(name + "\n")
        print("%s bought a ticket" % name)


def buyer(name, lock):
    look_up(name)
    with lock:  # lock.acquire() ... lock.release()
        buy(name)


if __name__ == "__main__":
    with open("db.txt", "w") as f:
        json.dump({"count": 1}, f)
    open("sales.log", "w").close()
    lock = Lock()
    buyers = []
    for i in range(10):
        p = Process(target=buyer, args=("buyer%d" % i, lock))
        p.start()
        buyers.append(p)
    for p in buyers:  # not in the course: needed to count the sales at the end
        p.join()
    with open("sales.log") as f:
        sold = len(f.read().split())
    with open("db.txt") as f:
        left = json.load(f)["count"]
    print("buyers: %d" % len(buyers))
    print("tickets_at_start: 1")
    print("tickets_sold: %d" % sold)
    print("tickets_left: %d" % left)
