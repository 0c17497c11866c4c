import os
import time
from multiprocessing import Process

WORKERS, TASK, CPU_MS = 4, "cpu", 1000  # the lab's workers, task (cpu | io | mixed), cpu_ms
CORES = "one"  # every worker shares core 0; "all": any core


def spin(ms):
    end = time.process_time() + ms / 1000
    while time.process_time() < end:  # busy: needs a core the whole time
        pass


def task():  # @running
    if CORES == "one":
        os.sched_setaffinity(0, {0})
    cpu = {"cpu": CPU_MS, "io": 0, "mixed": CPU_MS // 2}[TASK]
    spin(cpu)
    time.sleep((CPU_MS - cpu) / 1000)  # @sleep @exit


if __name__ == "__main__":
    began = time.perf_counter()
    ps = [Process(target=task) for _ in range(WORKERS)]
    for p in ps:
        p.start()  # @start
    for p in ps:
        p.join()  # @join @zombie @reaped
    elapsed = time.perf_counter() - began
    serial = WORKERS * CPU_MS / 1000
    print(f"elapsed {elapsed:.2f} s, one after another {serial:.2f} s, speedup {serial / elapsed:.1f}x")  # @stdout(main)
