"""Start N processes (fork), then join them all."""
import sys
import time
from multiprocessing import Process


def nothing():
    pass


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 64
    t0 = time.perf_counter()
    ps = [Process(target=nothing) for _ in range(n)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print("elapsed_ms:", round((time.perf_counter() - t0) * 1000, 1))
