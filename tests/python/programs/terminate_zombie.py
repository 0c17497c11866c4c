"""terminate() sends SIGTERM; the child is a zombie until joined."""
import time
from multiprocessing import Process


def work():
    time.sleep(10)


if __name__ == "__main__":
    p = Process(target=work)
    p.start()
    time.sleep(0.2)
    p.terminate()
    time.sleep(0.3)  # dead, not yet reaped: a zombie
    p.join()
    print("exitcode:", p.exitcode)
