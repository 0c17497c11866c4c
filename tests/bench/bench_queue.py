#!/usr/bin/env python3
"""Baseline for bench_queue.cpp: the same workloads with multiprocessing.Queue.

Run: python3 tests/bench/bench_queue.py [items]

Cases (small int items, `items` in total, one None sentinel per consumer put by
the main process after it has joined the producers; a case is timed from before
the first start() to after the last consumer is joined, so process start and
reaping are included, as in bench_queue.cpp):
  1p1c-max10   1 producer  -> 1 consumer,  Queue(maxsize=10)
  1p1c-unbnd   1 producer  -> 1 consumer,  Queue()
  4p2c-max10   4 producers -> 2 consumers, Queue(maxsize=10)

Prints a readable line and a "RESULT ..." line per case (for run_queue_bench.sh).
Timings are reported, never checked.
"""
import multiprocessing as mp
import sys
import time

CASES = [
    ("1p1c-max10", 1, 1, 10),
    ("1p1c-unbnd", 1, 1, 0),
    ("4p2c-max10", 4, 2, 10),
]


def producer(q, first, count):
    for i in range(first, first + count):
        q.put(i)


def consumer(q, total):
    got = 0
    while True:
        item = q.get()
        if item is None:
            break
        got += 1
    with total.get_lock():
        total.value += got


def run_case(ctx, producers, consumers, maxsize, items):
    q = ctx.Queue(maxsize)  # maxsize <= 0: unbounded, as in Python
    total = ctx.Value("q", 0)
    t0 = time.perf_counter()
    cons = [ctx.Process(target=consumer, args=(q, total)) for _ in range(consumers)]
    for p in cons:
        p.start()
    prods = []
    first = 0
    for i in range(producers):
        count = items // producers + (1 if i < items % producers else 0)
        prods.append(ctx.Process(target=producer, args=(q, first, count)))
        prods[-1].start()
        first += count
    for p in prods:
        p.join()
    for _ in range(consumers):
        q.put(None)
    for p in cons:
        p.join()
    t1 = time.perf_counter()
    ok = total.value == items and all(p.exitcode == 0 for p in prods + cons)
    q.close()
    q.join_thread()
    return t1 - t0, ok


def main():
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    ctx = mp.get_context()  # Linux, Python 3.11: fork
    print(f"Python {sys.version.split()[0]} multiprocessing.Queue, {items} int items per case, "
          f"{ctx.get_start_method()} start method")
    all_ok = True
    for name, producers, consumers, maxsize in CASES:
        seconds, ok = run_case(ctx, producers, consumers, maxsize, items)
        all_ok = all_ok and ok
        rate = items / seconds if seconds > 0 else 0.0
        print(f"{name:<11} {rate:12.0f} items/s  ({seconds:.3f} s)")
        print(f"RESULT impl=python case={name} trace=na items={items} seconds={seconds:.6f} "
              f"items_per_s={rate:.0f} ok={1 if ok else 0}", flush=True)
        if not ok:
            print(f"bench_queue.py: {name}: wrong item count or a process failed", file=sys.stderr)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
