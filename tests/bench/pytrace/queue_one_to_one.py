"""One producer, one consumer, N items through a multiprocessing.Queue."""
import sys
import time
from multiprocessing import Process, Queue


def produce(q, n):
    for i in range(n):
        q.put(i)
    q.put(None)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    q = Queue()
    p = Process(target=produce, args=(q, n))
    t0 = time.perf_counter()
    p.start()
    while q.get() is not None:
        pass
    p.join()
    print("elapsed_ms:", round((time.perf_counter() - t0) * 1000, 1))
