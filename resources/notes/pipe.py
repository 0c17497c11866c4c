from multiprocessing import Pipe, Process

DUPLEX = True  # the lab's "duplex": False gives a receive-only and a send-only end
MESSAGES = 5


def child(conn, other):  # @running
    other.close()  # the child's copy of the parent's end, or EOF never comes
    try:
        while True:
            msg = conn.recv()  # @recv(child) @wait:recv(child) @eof(child)
            conn.send(msg.replace("ping", "pong"))  # @send(child)
    except EOFError:
        print("child: the parent closed its end, recv() raised EOFError")  # @stdout(child)
    except OSError as e:
        print("child: recv() refused:", e)  # @error(child)


if __name__ == "__main__":
    a, b = Pipe(duplex=DUPLEX)  # duplex=False: a only receives, b only sends
    p = Process(target=child, args=(b, a))
    p.start()  # @start
    b.close()  # the parent keeps only its own end
    try:
        for i in range(MESSAGES):
            a.send(f"ping {i}")  # @send(main) @error(main)
            print("parent got", a.recv())  # @recv(main) @wait:recv(main) @stdout(main)
    except OSError as e:
        print("parent: send() refused:", e)  # @stdout(main)
    a.close()  # @close(main)
    p.join()  # @join @zombie @reaped @exit
