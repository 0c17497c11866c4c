import contextlib
import json
import time
from multiprocessing import Lock, Process, current_process

LOCK = "off"  # the lab's "lock" parameter: off | on | serialize
PATH = "tickets.json"


def count():
    with open(PATH) as f:
        text = f.read()
    return json.loads(text)["count"] if text else -1  # -1: caught mid-write


def buy(lock):  # @running
    name = current_process().name
    print(name, "sees", count(), "ticket(s) left")  # @stdout(child) @read
    time.sleep(0.1)  # @sleep
    with lock if LOCK == "on" else contextlib.nullcontext():  # @wait:lock @hold:lock
        left = count()  # @read
        time.sleep(0.1)  # @sleep
        if left <= 0:
            raise SystemExit(f"{name} found no ticket left")  # @exit[exitcode=1]
        time.sleep(0.1)  # @sleep
        with open(PATH, "w") as f:  # @write
            json.dump({"count": left - 1}, f)
        print(name, "bought a ticket")  # @exit[exitcode=0]


if __name__ == "__main__":
    with open(PATH, "w") as f:
        json.dump({"count": 1}, f)
    lock = Lock()
    buyers = [Process(target=buy, args=(lock,)) for _ in range(10)]
    for b in buyers:
        b.start()  # @start
        if LOCK == "serialize":
            b.join()  # @join[lock=serialize] @zombie[lock=serialize] @reaped[lock=serialize]
    for b in buyers:
        b.join()  # @join @zombie @reaped
    print(sum(b.exitcode == 0 for b in buyers), "buyer(s) got a ticket")
