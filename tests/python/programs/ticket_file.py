"""Buyers one after another on a JSON file: each reads the count and writes it back less one."""
import json
from multiprocessing import Process

PATH = "tickets.json"


def left():
    with open(PATH) as f:
        return json.load(f)["count"]


def buy():
    n = left()
    with open(PATH, "w") as f:
        json.dump({"count": n - 1}, f)


if __name__ == "__main__":
    with open(PATH, "w") as f:
        json.dump({"count": 3}, f)
    for _ in range(3):
        p = Process(target=buy)
        p.start()
        p.join()
    print("count:", left())
