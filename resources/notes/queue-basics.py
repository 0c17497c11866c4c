import argparse
import queue
import time
from multiprocessing import Process, Queue


def flag(text):  # the lab's booleans: true / false
    return text.lower() in ("true", "yes", "on", "1")


def put(q, item, block, timeout):
    if block:
        q.put(item, timeout=timeout)  # waits while full: at most timeout s, None = for ever
    else:
        q.put_nowait(item)  # = q.put(item, block=False): raises queue.Full at once


def get(q, block, timeout):
    if block:
        return q.get(timeout=timeout)  # waits while empty: at most timeout s
    return q.get_nowait()  # = q.get(block=False): raises queue.Empty at once


def consumer(q, block, timeout, delay_ms):  # @running
    time.sleep(delay_ms / 1000)  # @sleep(child)
    gets, empty = 0, False
    while True:
        try:
            item = get(q, block, timeout)  # @get @wait:get
        except queue.Empty:
            print("get() raised queue.Empty; q.empty() =", q.empty())  # @error(child)
            empty = True
            break
        if item is None:  # the sentinel: no more items
            break
        gets += 1
        print("got", item, "- qsize() now", q.qsize())  # @stdout(child)
    print(f"gets_done: {gets}")  # @exit
    print(f"empty_raised: {empty}")


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--maxsize", type=int, default=3)
    cli.add_argument("--puts", type=int, default=4)
    cli.add_argument("--block", type=flag, default="true")
    cli.add_argument("--timeout_ms", type=int, default=-1)  # -1: None, wait for ever
    cli.add_argument("--consumer_delay_ms", type=int, default=1000)
    args = cli.parse_args()
    timeout = None if args.timeout_ms < 0 else args.timeout_ms / 1000  # 0: raise at once
    q = Queue(args.maxsize)
    c = Process(target=consumer, args=(q, args.block, timeout, args.consumer_delay_ms))
    c.start()  # @start
    puts, full, depth = 0, False, 0
    for i in range(args.puts):
        try:
            put(q, i, args.block, timeout)  # @put @wait:put
        except queue.Full:
            print("put() raised queue.Full; q.full() =", q.full())  # @error(main)
            full = True
            break
        puts += 1
        depth = max(depth, q.qsize())
        print("put", i, "- qsize() now", q.qsize())  # @stdout(main)
    time.sleep(0.5)  # @sleep(main)
    try:
        put(q, None, args.block, timeout)  # @put[sentinel=true] @wait:put
    except queue.Full:  # the consumer will stop at queue.Empty instead
        print("no room for the None either")  # @error(main)
    c.join()  # @join @zombie @reaped
    print(f"puts_done: {puts}")
    print(f"full_raised: {full}")
    print(f"max_depth: {depth}")
