import argparse
import os
import time
from multiprocessing import Process


def compute(ms):  # busy: needs a core the whole time (ms of CPU time, not of wall time)
    end = time.process_time() + ms / 1000
    while time.process_time() < end:
        pass


def work(task, ms):  # @running
    if task == "cpu":
        compute(ms)
    elif task == "io":
        time.sleep(ms / 1000)  # @sleep @exit
    else:  # mixed: half computing, half waiting, in five rounds
        for _ in range(5):
            compute(ms / 10)
            time.sleep(ms / 10000)  # @sleep


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--workers", type=int, default=4)
    cli.add_argument("--task", default="cpu")  # cpu | io | mixed
    cli.add_argument("--cpu_ms", type=int, default=1000)
    cli.add_argument("--cores", default="one")  # one | all
    args = cli.parse_args()
    began = time.perf_counter()
    for _ in range(args.workers):
        work(args.task, args.cpu_ms)  # serial: one after another, in MainProcess
    serial = time.perf_counter() - began
    allowed = os.sched_getaffinity(0)
    pin = min(allowed) if args.cores == "one" else -1
    if pin >= 0:
        os.sched_setaffinity(0, {pin})  # the workers inherit this mask when they are started
    ps = [Process(target=work, args=(args.task, args.cpu_ms)) for _ in range(args.workers)]
    cpu_before = sum(os.times()[2:4])  # CPU time of our finished children
    began = time.perf_counter()
    for p in ps:
        p.start()  # @start
    for p in ps:
        p.join()  # @join @zombie @reaped
    elapsed = time.perf_counter() - began
    os.sched_setaffinity(0, allowed)
    cpu = sum(os.times()[2:4]) - cpu_before
    print(f"processes took {elapsed:.2f} s, one after another {serial:.2f} s")  # @stdout(main)
    print(f"workers: {args.workers}")
    print(f"cpus_allowed: {len(allowed)}")
    print(f"pinned_cpu: {pin}")
    print(f"serial_ms: {round(serial * 1000)}")
    print(f"elapsed_ms: {round(elapsed * 1000)}")
    print(f"speedup: {round(serial / elapsed, 2)}")
    print(f"workers_cpu_ms: {round(cpu * 1000)}")
    print(f"cores_busy: {round(cpu / elapsed, 2)}")
