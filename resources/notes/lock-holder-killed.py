import argparse
import time
from multiprocessing import Lock, Process, current_process


def holder(lock, ms):  # @running(Process-1)
    lock.acquire()  # @hold:lock(Process-1)
    print(current_process().name, "holds the lock for", ms, "ms")  # @stdout(Process-1)
    time.sleep(ms / 1000)  # @sleep(Process-1)
    lock.release()  # never reached: terminate() skips it
    print(current_process().name, "released the lock")


def waiter(lock):  # @running(Process-2)
    time.sleep(0.05)  # @sleep(Process-2)
    print(current_process().name, "wants the lock")  # @stdout(Process-2)
    with lock:  # @wait:lock(Process-2)
        print(current_process().name, "got the lock")


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--hold_ms", type=int, default=5000)
    cli.add_argument("--terminate_after_ms", type=int, default=500)
    cli.add_argument("--give_up_ms", type=int, default=3000)
    args = cli.parse_args()
    lock = Lock()
    h = Process(target=holder, args=(lock, args.hold_ms))
    w = Process(target=waiter, args=(lock,))
    h.start()  # @start
    w.start()  # @start
    began = time.perf_counter()
    time.sleep(args.terminate_after_ms / 1000)  # @sleep(main)
    h.terminate()  # @terminate @exit(Process-1)
    h.join()  # @join @zombie(Process-1) @reaped(Process-1)
    w.join(args.give_up_ms / 1000)  # @join
    if w.is_alive():  # nobody will ever release the lock: the waiter waits for ever
        print("the waiter is stuck behind a lock nobody will release")  # @error(Process-2)
        w.terminate()  # @terminate @exit(Process-2)
        w.join()  # @join @zombie(Process-2) @reaped(Process-2)
    print(f"holder_exitcode: {h.exitcode}")
    print(f"waiter_exitcode: {w.exitcode}")
    print(f"completed: {w.exitcode == 0}")
    print(f"elapsed_ms: {round((time.perf_counter() - began) * 1000)}")
