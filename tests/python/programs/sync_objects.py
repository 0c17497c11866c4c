"""Event, Condition, Barrier and Semaphore between processes."""
import time
from multiprocessing import Barrier, Condition, Event, Process, Semaphore


def waiter(ev, cond, bar, sem):
    ev.wait()
    with cond:
        cond.wait(timeout=2)
    bar.wait()
    with sem:
        time.sleep(0.05)


if __name__ == "__main__":
    ev, cond, bar, sem = Event(), Condition(), Barrier(3), Semaphore(1)
    ps = [Process(target=waiter, args=(ev, cond, bar, sem)) for _ in range(2)]
    for p in ps:
        p.start()
    time.sleep(0.1)
    ev.set()
    time.sleep(0.1)
    with cond:
        cond.notify_all()
    bar.wait()
    for p in ps:
        p.join()
    print("done: yes")
