import argparse
import os
import random
import time
from multiprocessing import Process, current_process, set_start_method


def task(ms):  # @running
    me = current_process().name  # MainProcess when called through run()
    print(me, "pid", os.getpid(), "parent", os.getppid())  # @stdout
    time.sleep(ms / 1000)  # @sleep
    print(me, "done")  # @exit


class Worker(Process):  # style=subclass
    def __init__(self, name, ms):
        super().__init__()  # without it, start() fails: Process is not set up
        self.name = name
        self.ms = ms

    def run(self):  # start() calls it in the new process
        task(self.ms)


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--n", type=int, default=4)
    cli.add_argument("--sleep_min_ms", type=int, default=1000)
    cli.add_argument("--sleep_max_ms", type=int, default=4000)
    cli.add_argument("--style", default="function")  # function | subclass
    cli.add_argument("--method", default="fork")  # fork | spawn
    cli.add_argument("--call", default="start")  # start | run
    args = cli.parse_args()
    set_start_method(args.method)
    print("main pid", os.getpid(), "parent", os.getppid())  # @stdout(main)
    ms = [random.randint(args.sleep_min_ms, args.sleep_max_ms) for _ in range(args.n)]
    if args.style == "subclass":
        ps = [Worker(f"Worker-{k + 1}", ms[k]) for k in range(args.n)]
    else:
        ps = [Process(target=task, name=f"task-{k + 1}", kwargs={"ms": ms[k]}) for k in range(args.n)]
    began = time.perf_counter()
    for p in ps:
        if args.call == "start":
            p.start()  # @start
        else:
            p.run()  # the body runs right here, in MainProcess
    print("all calls returned")  # @stdout(main)
    join_error = ""
    for p in ps:
        try:
            p.join()  # @join @zombie @reaped @error(main)
        except AssertionError as e:  # run() alone never started a process
            join_error = str(e)
    print(f"processes_created: {sum(p.pid is not None for p in ps)}")
    print(f"main_pid: {os.getpid()}")
    print(f"elapsed_ms: {round((time.perf_counter() - began) * 1000)}")
    print(f"join_error: {join_error}")
