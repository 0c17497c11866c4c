#!/usr/bin/env python3
"""CPython's side of bench_python: the same cases with multiprocessing (fork).

Run: python3 tests/bench/bench_python.py CASE [CASE...]   (or "all")

Each case times from just before the first start() to just after the last
join(), as bench_python_cases.cpp does, and prints one line
"RESULT impl=python case=NAME ms=... ok=1". Timings are reported, never checked.
"""
import multiprocessing as mp
import sys
import time


def noop():
    pass


def incr(counter, n, locked):
    if locked:
        for _ in range(n):
            with counter.get_lock():
                counter.value += 1
    else:
        for _ in range(n):
            counter.value += 1


def queue_producer(q, n):
    for i in range(n):
        q.put(i)


def queue_consumer(q, n):
    for _ in range(n):
        q.get()


def pipe_sender(w, n):
    for i in range(n):
        w.send(i)


def pipe_receiver(r, n):
    for _ in range(n):
        r.recv()


def manager_appender(lst, n):
    for i in range(n):
        lst.append(i)


def start_join(ctx, n):
    ps = [ctx.Process(target=noop) for _ in range(n)]
    t0 = time.perf_counter()
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    return (time.perf_counter() - t0) * 1000, all(p.exitcode == 0 for p in ps)


def counter(ctx, workers, n, locked):
    v = ctx.Value("i", 0)
    ps = [ctx.Process(target=incr, args=(v, n, locked)) for _ in range(workers)]
    t0 = time.perf_counter()
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    ms = (time.perf_counter() - t0) * 1000
    return ms, (not locked or v.value == workers * n)


def queue(ctx, n, maxsize):
    q = ctx.Queue(maxsize)
    prod = ctx.Process(target=queue_producer, args=(q, n))
    cons = ctx.Process(target=queue_consumer, args=(q, n))
    t0 = time.perf_counter()
    prod.start()
    cons.start()
    prod.join()
    cons.join()
    ms = (time.perf_counter() - t0) * 1000
    return ms, prod.exitcode == 0 and cons.exitcode == 0


def pipe(ctx, n):
    r, w = ctx.Pipe(duplex=False)
    sender = ctx.Process(target=pipe_sender, args=(w, n))
    receiver = ctx.Process(target=pipe_receiver, args=(r, n))
    t0 = time.perf_counter()
    sender.start()
    receiver.start()
    r.close()
    w.close()
    sender.join()
    receiver.join()
    ms = (time.perf_counter() - t0) * 1000
    return ms, sender.exitcode == 0 and receiver.exitcode == 0


def manager(ctx, n):
    with ctx.Manager() as m:
        lst = m.list()
        child = ctx.Process(target=manager_appender, args=(lst, n))
        t0 = time.perf_counter()
        child.start()
        child.join()
        ms = (time.perf_counter() - t0) * 1000
        return ms, len(lst) == n


CASES = {
    "start-join-64": lambda ctx: start_join(ctx, 64),
    "counter-4x100k": lambda ctx: counter(ctx, 4, 100_000, False),
    "locked-2x100k": lambda ctx: counter(ctx, 2, 100_000, True),
    "queue-unbounded": lambda ctx: queue(ctx, 20_000, 0),
    "queue-max10": lambda ctx: queue(ctx, 20_000, 10),
    "pipe": lambda ctx: pipe(ctx, 20_000),
    "manager": lambda ctx: manager(ctx, 20_000),
}


def main(argv):
    names = argv[1:] or ["all"]
    if names == ["all"]:
        names = list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        print(f"bench_python.py: unknown case(s) {unknown}; cases: {', '.join(CASES)}",
              file=sys.stderr)
        return 2
    ctx = mp.get_context("fork")
    ok_all = True
    for name in names:
        ms, ok = CASES[name](ctx)
        ok_all = ok_all and ok
        print(f"RESULT impl=python case={name} ms={ms:.3f} ok={1 if ok else 0}", flush=True)
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
