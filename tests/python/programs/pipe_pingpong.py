"""Pipe ping-pong; closing one end gives the other EOFError."""
from multiprocessing import Pipe, Process


def child(conn, other):
    other.close()
    try:
        while True:
            conn.send(conn.recv().upper())
    except EOFError:
        print("child: EOFError")


if __name__ == "__main__":
    a, b = Pipe()
    p = Process(target=child, args=(b, a))
    p.start()
    b.close()
    for word in ("ping", "pong", "done"):
        a.send(word)
        print("got", a.recv())
    a.close()
    p.join()
    r, w = Pipe(duplex=False)
    try:
        r.send("x")
    except OSError as e:
        print("one-way:", e)
