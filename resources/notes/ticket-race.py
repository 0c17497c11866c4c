import argparse
import contextlib
import json
import time
from multiprocessing import Lock, Process, current_process

PATH = "tickets.json"


def count():
    with open(PATH) as f:
        text = f.read()
    return json.loads(text)["count"] if text else -1  # -1: caught mid-write


def buy(lock, read_ms, write_ms):  # @running
    name = current_process().name
    print(name, "sees", count(), "ticket(s) left")  # @stdout(child) @read
    time.sleep(read_ms / 1000)  # @sleep
    with lock if lock else contextlib.nullcontext():  # @wait:lock @hold:lock
        left = count()  # @read
        time.sleep(read_ms / 1000)  # @sleep
        if left <= 0:
            raise SystemExit(f"{name} found no ticket left")  # @exit[exitcode=1]
        time.sleep(write_ms / 1000)  # @sleep
        with open(PATH, "w") as f:  # @write
            json.dump({"count": left - 1}, f)
        print(name, "bought a ticket")  # @exit[exitcode=0]


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--buyers", type=int, default=10)
    cli.add_argument("--tickets", type=int, default=1)
    cli.add_argument("--lock", default="off")  # off | on | serialize
    cli.add_argument("--read_delay_ms", type=int, default=100)
    cli.add_argument("--write_delay_ms", type=int, default=100)
    args = cli.parse_args()
    with open(PATH, "w") as f:
        json.dump({"count": args.tickets}, f)
    lock = Lock() if args.lock == "on" else None
    buyers = [Process(target=buy, args=(lock, args.read_delay_ms, args.write_delay_ms))
              for _ in range(args.buyers)]
    began = time.perf_counter()
    for b in buyers:
        b.start()  # @start
        if args.lock == "serialize":
            b.join()  # @join[lock=serialize] @zombie[lock=serialize] @reaped[lock=serialize]
    for b in buyers:
        b.join()  # @join @zombie @reaped
    sold = sum(b.exitcode == 0 for b in buyers)
    print(sold, "buyer(s) got a ticket")
    print(f"tickets: {args.tickets}")
    print(f"successes: {sold}")
    print(f"oversold: {max(0, sold - args.tickets)}")
    print(f"final_count_in_file: {count()}")
    print(f"elapsed_ms: {round((time.perf_counter() - began) * 1000)}")
