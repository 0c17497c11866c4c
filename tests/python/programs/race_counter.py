"""counter.value += 1 is a read then a write: without the lock, updates are lost."""
import sys
from multiprocessing import Lock, Process, Value


def bump(counter, n, lock):
    for _ in range(n):
        if lock == "get_lock":
            with counter.get_lock():
                counter.value += 1
        elif lock:
            with lock:
                counter.value += 1
        else:
            counter.value += 1


if __name__ == "__main__":
    workers, n = 4, int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    how = sys.argv[2] if len(sys.argv) > 2 else ""  # "", "lock" or "get_lock"
    counter = Value("i", 0)
    lock = Lock() if how == "lock" else how or None
    ps = [Process(target=bump, args=(counter, n, lock)) for _ in range(workers)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print("expected:", workers * n)
    print("actual:", counter.value)
    print("lost_updates:", workers * n - counter.value)
