import argparse
import os
from multiprocessing import Manager, Process


def worker(d, k):  # @running(child)
    key = f"worker-{k}"
    d[key] = [os.getpid()]  # @manager:call(child)
    d[key].append(1)  # appends to a copy the manager sent back: lost
    items = d[key]  # @manager:call(child)
    items.append(2)  # changes the copy in this process...
    d[key] = items  # @manager:call(child)


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--workers", type=int, default=4)
    args = cli.parse_args()
    with Manager() as m:  # @start @running(with:manager:serve) @manager:serve
        d = m.dict()  # a proxy: the real dict lives in the manager's process
        ps = [Process(target=worker, args=(d, k)) for k in range(args.workers)]
        for p in ps:
            p.start()  # @start
        for p in ps:
            p.join()  # @join @zombie @reaped
        values = dict(d.items())  # @manager:call(main)
        for key, value in sorted(values.items()):
            print(key, value)  # @stdout(main)
        pids = {f"worker-{k}": p.pid for k, p in enumerate(ps)}
        print(f"keys_written: {len(values)}")
        print(f"keys_expected: {args.workers}")
        print(f"values_match_writer_pid: {sum(v[0] == pids.get(k) for k, v in values.items())}")
        print(f"appends_lost: {sum(1 not in v for v in values.values())}")
        print(f"appends_kept: {sum(2 in v for v in values.values())}")
