"""Producers and consumers on a JoinableQueue."""
import time
from multiprocessing import JoinableQueue, Process, Queue


def producer(q, name):
    for i in range(3):
        q.put(f"{name}-{i}")
        time.sleep(0.02)


def consumer(q):
    while True:
        item = q.get()
        time.sleep(0.01)
        q.task_done()


if __name__ == "__main__":
    q = JoinableQueue(maxsize=2)
    ps = [Process(target=producer, args=(q, n)) for n in "ab"]
    c = Process(target=consumer, args=(q,), daemon=True)
    for p in ps + [c]:
        p.start()
    for p in ps:
        p.join()
    q.join()
    e = Queue()
    try:
        e.get(timeout=0)
    except Exception as ex:
        print("empty queue:", type(ex).__name__)
    print("processed: 6")
