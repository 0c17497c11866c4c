import contextlib
import time
from multiprocessing import Lock, Process, current_process

USE_LOCK = False  # the lab's "lock" parameter
PATH = "output.txt"


def worker(lock, lines):  # @running
    name = current_process().name
    with lock if USE_LOCK else contextlib.nullcontext():  # @wait:lock @hold:lock
        with open(PATH, "a") as f:
            for i in range(lines):
                print(name, "line", i)  # @stdout(child)
                f.write(f"{name} line {i}\n")
                f.flush()
                time.sleep(0.002)  # @sleep @exit


if __name__ == "__main__":
    open(PATH, "w").close()
    lock = Lock()
    ps = [Process(target=worker, args=(lock, 200)) for _ in range(3)]
    for p in ps:
        p.start()  # @start
    for p in ps:
        p.join()  # @join @zombie @reaped
    with open(PATH) as f:
        writers = [line.split()[0] for line in f]
    switches = sum(a != b for a, b in zip(writers, writers[1:]))
    print("lines from a different process than the line before:", switches)  # @stdout(main)
