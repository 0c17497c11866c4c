"""A Manager's dict shared by workers (the server is a process of its own)."""
from multiprocessing import Manager, Process


def task(d, i):
    d[i] = i * i


if __name__ == "__main__":
    with Manager() as m:
        d = m.dict()
        ps = [Process(target=task, args=(d, i)) for i in range(3)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        print("keys:", len(d))
