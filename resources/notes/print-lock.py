import argparse
import contextlib
import time
from multiprocessing import Lock, Process, current_process

PATH = "output.txt"


def flag(text):  # the lab's booleans: true / false
    return text.lower() in ("true", "yes", "on", "1")


def worker(lock, lines, line_ms):  # @running
    name = current_process().name
    with lock if lock else contextlib.nullcontext():  # @wait:lock @hold:lock
        with open(PATH, "a") as f:
            for i in range(lines):
                print(name, "line", i)  # @stdout(child)
                f.write(f"{name} line {i}\n")
                f.flush()
                time.sleep(line_ms / 1000)  # @sleep @exit


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--workers", type=int, default=3)
    cli.add_argument("--lines", type=int, default=200)
    cli.add_argument("--lock", type=flag, default="false")
    cli.add_argument("--line_ms", type=int, default=2)
    args = cli.parse_args()
    open(PATH, "w").close()
    lock = Lock() if args.lock else None
    ps = [Process(target=worker, args=(lock, args.lines, args.line_ms)) for _ in range(args.workers)]
    began = time.perf_counter()
    for p in ps:
        p.start()  # @start
    for p in ps:
        p.join()  # @join @zombie @reaped
    with open(PATH) as f:
        writers = [line.split()[0] for line in f]
    switches = sum(a != b for a, b in zip(writers, writers[1:]))
    print("lines from a different process than the line before:", switches)  # @stdout(main)
    print(f"switches: {switches}")
    print(f"minimum_possible_switches: {args.workers - 1}")
    print(f"elapsed_ms: {round((time.perf_counter() - began) * 1000)}")
