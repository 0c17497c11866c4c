# SPDX-License-Identifier: MIT
"""Course: a pipe can be one-way. Pipe(duplex=False) returns (receive end,
send end): the child sends through one, MainProcess receives from the
other, and sending on the receive end raises OSError."""
from multiprocessing import Pipe, Process


def report(conn):
    for word in ("ready", "steady", "go"):
        conn.send(word)
    conn.close()


if __name__ == "__main__":
    receive, send = Pipe(duplex=False)
    p = Process(target=report, args=(send,))
    p.start()
    send.close()
    words = []
    while True:
        try:
            words.append(receive.recv())
        except EOFError:
            break
    try:
        receive.send("back")
        print("send_on_receive_end: accepted")
    except OSError as e:
        print("send_on_receive_end: %s" % e)
    p.join()
    print("words: %s" % " ".join(words))
