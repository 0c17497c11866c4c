import argparse
import time
from multiprocessing import Barrier, Process, Value, current_process


def flag(text):  # the lab's booleans: true / false
    return text.lower() in ("true", "yes", "on", "1")


def increment(counter, window_us):
    v = counter.value  # @read
    if window_us:  # widens the gap between the read and the write
        end = time.perf_counter() + window_us / 1e6
        while time.perf_counter() < end:
            pass
    counter.value = v + 1  # @write @lost-update


def worker(counter, gate, n, use_lock, window_us):  # @running
    # Nobody counts until every worker is running; then all of them do.
    gate.wait()  # @wait:barrier
    for _ in range(n):
        if use_lock:
            with counter.get_lock():  # @wait:lock @hold:lock
                increment(counter, window_us)
        else:
            increment(counter, window_us)
    print(current_process().name, "did its", n, "increments")  # @stdout(child) @exit


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--workers", type=int, default=4)
    cli.add_argument("--increments", type=int, default=10_000)
    cli.add_argument("--lock", type=flag, default="false")
    cli.add_argument("--window_us", type=int, default=1)
    args = cli.parse_args()
    counter = Value("i", 0)  # an int in shared memory
    gate = Barrier(args.workers)  # the workers start counting together, once all of them run
    ps = [Process(target=worker, args=(counter, gate, args.increments, args.lock, args.window_us))
          for _ in range(args.workers)]
    began = time.perf_counter()
    for p in ps:
        p.start()  # @start
    for p in ps:
        p.join()  # @join @zombie @reaped
    expected = args.workers * args.increments
    print("expected", expected, "got", counter.value)  # @stdout(main)
    print(f"expected: {expected}")
    print(f"actual: {counter.value}")
    print(f"lost_updates: {expected - counter.value}")
    print(f"elapsed_ms: {round((time.perf_counter() - began) * 1000)}")
