import argparse
import random
import time
from multiprocessing import Event, JoinableQueue, Process, Value


def producer(q, k, a):  # @running(with:put)
    time.sleep(k * a.stagger_ms / 1000)  # @sleep(with:put)
    for i in range(a.items_per_producer):
        time.sleep(random.uniform(a.produce_ms_min, a.produce_ms_max) / 1000)  # @sleep(with:put)
        q.put(f"hot dog {k}-{i}")  # @put(child) @wait:put
    if a.shutdown == "sentinel-per-producer":
        q.put(None)  # @put(child)[sentinel=true] @exit(with:put)


def consumer(q, waiting, taken, a):  # @running(with:get)
    while True:
        waiting.set()  # until get() returns: "I am waiting in get()"
        item = q.get()  # @get @wait:get
        waiting.clear()
        with taken.get_lock():
            taken.value += 1  # everything got, None included
        if item is None:
            break
        time.sleep(random.uniform(a.consume_ms_min, a.consume_ms_max) / 1000)  # @sleep(with:get)
        if a.shutdown == "joinable":
            q.task_done()  # @task_done
    print("got None: stop")  # @stdout(child) @exit(with:get)


def join_unless_stuck(p, stuck):  # join(), but end p once it can never finish
    p.join(0.1)  # @join @zombie @reaped
    while p.is_alive():
        if stuck():
            p.terminate()  # @terminate
            p.join()
            return True
        p.join(0.1)  # @join
    return False


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    for name, default in [("producers", 3), ("consumers", 2), ("items_per_producer", 3),
                          ("maxsize", 0), ("produce_ms_min", 1000), ("produce_ms_max", 2000),
                          ("consume_ms_min", 1000), ("consume_ms_max", 2000), ("stagger_ms", 1500)]:
        cli.add_argument("--" + name, type=int, default=default)
    cli.add_argument("--shutdown", default="sentinel-per-consumer")  # | sentinel-per-producer | joinable | none
    a = cli.parse_args()
    q = JoinableQueue(a.maxsize)
    waiting = [Event() for _ in range(a.consumers)]
    taken = Value("i", 0)
    ps = [Process(target=producer, args=(q, k, a)) for k in range(a.producers)]
    cs = [Process(target=consumer, args=(q, waiting[k], taken, a), daemon=a.shutdown == "joinable")
          for k in range(a.consumers)]
    began = time.perf_counter()
    for p in cs + ps:
        p.start()  # @start
    # A producer blocked in put() on a full queue nobody empties any more can never finish.
    producers_hung = sum(join_unless_stuck(p, lambda: q.full() and not any(c.is_alive() for c in cs))
                         for p in ps)
    sentinels = 0  # None items put: one per producer that finished, or one per consumer
    if a.shutdown == "sentinel-per-producer":
        sentinels = sum(p.exitcode == 0 for p in ps)
    if a.shutdown == "joinable":
        q.join()  # @wait:join-queue
    elif a.shutdown == "sentinel-per-consumer":
        for _ in cs:
            q.put(None)  # @put(main)
        sentinels = len(cs)
    consumers_hung = 0
    if a.shutdown != "joinable":  # joinable: the daemon consumers end with main
        total = a.producers * a.items_per_producer + sentinels  # everything put (no producer hung)
        for k, c in enumerate(cs):  # hung: waiting in get() after everything was taken
            consumers_hung += join_unless_stuck(c, lambda: taken.value == total and waiting[k].is_set())
    elapsed = time.perf_counter() - began
    nones_taken = sum(c.exitcode == 0 for c in cs)  # each consumer that stopped took one None
    consumed = taken.value - nones_taken
    unprocessed = q.qsize() - (sentinels - nones_taken)  # items still in the queue
    produced = consumed + unprocessed
    print(f"produced: {produced}")
    print(f"consumed: {consumed}")
    print(f"unprocessed: {unprocessed}")
    print(f"consumers_hung: {consumers_hung}")
    print(f"producers_hung: {producers_hung}")
    print(f"elapsed_ms: {round(elapsed * 1000)}")
