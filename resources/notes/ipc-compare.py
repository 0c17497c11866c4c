import os
import time
from multiprocessing import Lock, Manager, Pipe, Process, Queue

N, SIZE = 10_000, 64  # the lab's messages and size_bytes
DATA = b"x" * SIZE


def send_all(kind, sink, lock=None):  # @running(child)
    for i in range(N):
        if kind == "pipe":
            sink.send_bytes(DATA)  # @send
        elif kind == "queue":
            sink.put(DATA)  # @put
        elif kind == "manager":
            sink[i] = DATA  # @write(child)
        else:
            with lock, open(sink, "ab") as f:  # @wait:lock @hold:lock
                f.write(DATA)  # @write(child)


def measure(kind, sink, receive, lock=None):
    began = time.perf_counter()
    p = Process(target=send_all, args=(kind, sink, lock))
    p.start()  # @start
    for _ in range(N if receive else 0):
        receive()  # @recv @get @wait:recv @wait:get
    p.join()  # @join @zombie @reaped
    print(f"{kind:8} {N / (time.perf_counter() - began):10.0f} messages/s")  # @stdout(main)


if __name__ == "__main__":
    r, w = Pipe(duplex=False)
    measure("pipe", w, r.recv_bytes)
    q = Queue()
    measure("queue", q, q.get)
    with Manager() as m:  # @start
        measure("manager", m.dict(), None)
    measure("file", "ipc.bin", None, Lock())
    os.remove("ipc.bin")
