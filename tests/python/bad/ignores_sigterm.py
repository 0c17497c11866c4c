import signal
import time
from multiprocessing import Process


def stubborn():
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    while True:
        time.sleep(0.1)


if __name__ == "__main__":
    p = Process(target=stubborn)
    p.start()
    time.sleep(0.3)
    p.terminate()
    p.join(0.5)
    print("still alive after terminate:", p.is_alive())
    time.sleep(60)
