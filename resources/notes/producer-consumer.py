import random
import time
from multiprocessing import JoinableQueue, Process

SHUTDOWN = "sentinel-per-consumer"  # or sentinel-per-producer | joinable | none
PRODUCERS, CONSUMERS, ITEMS = 3, 2, 3


def producer(q, k):  # @running(with:put)
    time.sleep(1.5 * k)  # @sleep(with:put)
    for i in range(ITEMS):
        time.sleep(random.uniform(1, 2))  # @sleep(with:put)
        q.put(f"hot dog {k}-{i}")  # @put(child) @wait:put
    if SHUTDOWN == "sentinel-per-producer":
        q.put(None)  # @put(child)[sentinel=true] @exit(with:put)


def consumer(q):  # @running(with:get)
    while (item := q.get()) is not None:  # @get @wait:get
        time.sleep(random.uniform(1, 2))  # @sleep(with:get)
        if SHUTDOWN == "joinable":
            q.task_done()  # @task_done
    print("got None: stop")  # @stdout(child) @exit(with:get)


if __name__ == "__main__":
    q = JoinableQueue()
    ps = [Process(target=producer, args=(q, k)) for k in range(PRODUCERS)]
    cs = [Process(target=consumer, args=(q,), daemon=SHUTDOWN == "joinable") for _ in range(CONSUMERS)]
    for p in cs + ps:
        p.start()  # @start
    for p in ps:
        p.join()  # @join[target=with:put] @zombie(with:put) @reaped(with:put)
    if SHUTDOWN == "joinable":
        q.join()  # @wait:join-queue
    elif SHUTDOWN == "sentinel-per-consumer":
        for _ in cs:
            q.put(None)  # @put(main)
    for c in cs:
        c.join(2)  # @join[target=with:get] @zombie(with:get) @reaped(with:get)
        if c.is_alive():  # still waiting for an item that will never come
            c.terminate()  # @terminate
