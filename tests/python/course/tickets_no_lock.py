# SPDX-License-Identifier: MIT
"""Course: ten buyers, one ticket left in db.txt (JSON). Each buyer looks up
the count, then buys: reads the file again, waits (the network), takes a
ticket if the count it read is positive, waits, writes the file back. With
no lock they all read 1 before anyone writes 0: the one ticket is sold many
times. Each sale is also appended to sales.log, so MainProcess can count
them once every buyer is done."""
import json
import time
from multiprocessing import Process

DELAY = 0.3  # the course waits 1 s at each step


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


def buyer(name):
    look_up(name)
    buy(name)


if __name__ == "__main__":
    with open("db.txt", "w") as f:
        json.dump({"count": 1}, f)  # double quotes: JSON
    open("sales.log", "w").close()
    buyers = []
    for i in range(10):
        p = Process(target=buyer, args=("buyer%d" % i,))
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
