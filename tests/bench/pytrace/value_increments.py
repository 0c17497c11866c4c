"""4 processes x N unlocked `counter.value += 1` on one Value (a race)."""
import sys
import time
from multiprocessing import Process, Value


def bump(counter, n):
    for _ in range(n):
        counter.value += 1


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    counter = Value("i", 0)
    workers = [Process(target=bump, args=(counter, n)) for _ in range(4)]
    t0 = time.perf_counter()
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print("elapsed_ms:", round((time.perf_counter() - t0) * 1000, 1))
