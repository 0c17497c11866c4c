import argparse
import os
import time
from multiprocessing import Array, Lock, Manager, Pipe, Process, Queue, Semaphore

SLOTS = 1024  # shared-memory ring: the producer may be this many messages ahead


# The lab traces each channel as one phase, not every message: that would slow it down.
def send_all(kind, ch, n, data, times):  # @running(child)
    times[0] = time.perf_counter()  # the first send
    if kind == "file":
        path, lock = ch
        with open(path, "ab") as f:
            for _ in range(n):
                with lock:
                    f.write(data + b"\n")
                    f.flush()
    elif kind == "pipe":
        for _ in range(n):
            ch.send_bytes(data)
    elif kind == "queue":  # a pipe, plus a feeder thread that pickles, plus locks
        for _ in range(n):
            ch.put(data)
    elif kind == "shared-memory":  # an Array both see: no message, the bytes stay in place
        ring, free, ready = ch
        for i in range(n):
            free.acquire()  # a free slot (the consumer may be SLOTS behind)
            at = (i % SLOTS) * len(data)
            ring[at:at + len(data)] = data
            ready.release()
    else:
        for _ in range(n):
            ch.append(data)  # a request to the manager's process


def receive_all(kind, ch, n, size, times):  # @running(child)
    got = 0
    if kind == "file":
        path, lock = ch
        with open(path, "rb") as f:
            pending = b""
            while got < n:
                with lock:
                    pending += f.read()
                *lines, pending = pending.split(b"\n")
                got += sum(len(line) == size for line in lines)
    elif kind == "pipe":
        got = sum(len(ch.recv_bytes()) == size for _ in range(n))
    elif kind == "queue":
        got = sum(len(ch.get()) == size for _ in range(n))
    elif kind == "shared-memory":
        ring, free, ready = ch
        for i in range(n):
            ready.acquire()  # slot i is written
            at = (i % SLOTS) * size
            got += len(ring[at:at + size]) == size
            free.release()
    else:
        while got < n:  # poll len(l), then fetch what is new
            got += sum(len(ch[k]) == size for k in range(got, len(ch)))
    times[1] = time.perf_counter()  # the last receive
    print(kind, "received intact:", got)  # @stdout(child)


def measure(kind, to_send, to_receive, n, size):  # messages/s, first send to last receive
    times = Array("d", 2)
    ps = [Process(target=send_all, args=(kind, to_send, n, b"x" * size, times)),
          Process(target=receive_all, args=(kind, to_receive, n, size, times))]
    for p in ps:
        p.start()  # @start
    for p in ps:
        p.join()  # @join @zombie @reaped
    rate = n / (times[1] - times[0])
    print(f"{kind:14} {rate:10.0f} messages/s")  # @stdout(main)
    return rate


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--messages", type=int, default=10_000)
    cli.add_argument("--size_bytes", type=int, default=64)
    a = cli.parse_args()
    n, size = a.messages, a.size_bytes
    rates = {}
    open("ipc.bin", "wb").close()
    file = ("ipc.bin", Lock())
    rates["file"] = measure("file", file, file, n, size)
    os.remove("ipc.bin")
    r, w = Pipe(duplex=False)
    rates["pipe"] = measure("pipe", w, r, n, size)
    q = Queue()
    rates["queue"] = measure("queue", q, q, n, size)
    shm = (Array("c", SLOTS * size, lock=False), Semaphore(SLOTS), Semaphore(0))  # a ring of slots
    rates["shared-memory"] = measure("shared-memory", shm, shm, n, size)
    with Manager() as m:  # @start
        lst = m.list()
        rates["manager"] = measure("manager", lst, lst, n, size)
    print(f"fastest: {max(rates, key=rates.get)}")
    print(f"slowest: {min(rates, key=rates.get)}")
