import time
from multiprocessing import Process


def wait():
    time.sleep(2)


if __name__ == "__main__":
    started = []
    try:
        for i in range(200):
            p = Process(target=wait)
            p.start()
            started.append(p)
    except OSError as e:
        print("refused after", len(started), ":", e)
    for p in started:
        p.terminate()
    for p in started:
        p.join()
    print("started:", len(started))
