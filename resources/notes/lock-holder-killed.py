import time
from multiprocessing import Lock, Process, current_process


def holder(lock, ms):  # @running(Process-1)
    lock.acquire()  # @wait:lock(Process-1) @hold:lock(Process-1)
    print(current_process().name, "holds the lock for", ms, "ms")  # @stdout(Process-1)
    time.sleep(ms / 1000)  # @sleep(Process-1)
    lock.release()  # never reached: terminate() skips it
    print(current_process().name, "released the lock")


def waiter(lock):  # @running(Process-2)
    time.sleep(0.05)  # @sleep(Process-2)
    print(current_process().name, "wants the lock")  # @stdout(Process-2)
    with lock:  # @wait:lock(Process-2) @hold:lock(Process-2) @lock-owner-died
        print(current_process().name, "got the lock")  # @exit(Process-2)


if __name__ == "__main__":
    lock = Lock()
    h = Process(target=holder, args=(lock, 5000))
    w = Process(target=waiter, args=(lock,))
    h.start()  # @start
    w.start()  # @start
    time.sleep(0.5)  # @sleep(main)
    h.terminate()  # @terminate @exit(Process-1)
    h.join()  # @join @zombie(Process-1) @reaped(Process-1)
    w.join(3)  # @join @zombie(Process-2) @reaped(Process-2)
    if w.is_alive():  # Python's Lock is never freed: the waiter waits for ever
        print("the waiter is stuck behind a lock nobody will release")
        w.terminate()
        w.join()
