import os
import random
import time
from multiprocessing import Process, current_process

CALL = "start"  # the lab's "call" parameter: start | run


def task(ms):  # @running
    name = current_process().name
    print(name, "runs in pid", os.getpid(), "parent", os.getppid())  # @stdout
    time.sleep(ms / 1000)  # @sleep
    print(name, "done")  # @exit


if __name__ == "__main__":
    ps = [Process(target=task, args=(random.randint(1000, 4000),)) for _ in range(4)]
    began = time.perf_counter()
    for p in ps:
        if CALL == "start":
            p.start()  # @start
        else:
            p.run()  # body runs right here, in MainProcess
    print("main: all calls returned")  # @stdout(main)
    for p in ps:
        if CALL == "start":
            p.join()  # @join @zombie @reaped
    print(f"elapsed {time.perf_counter() - began:.1f} s")
