import argparse
import time
from multiprocessing import Pipe, Process


def flag(text):  # the lab's booleans: true / false
    return text.lower() in ("true", "yes", "on", "1")


def child(conn, other, work_ms):  # @running
    other.close()  # the child's copy of the parent's end, or EOF never comes
    eof, recv_error = False, ""
    try:
        while True:
            msg = conn.recv()  # @recv(child) @wait:recv(child) @eof(child) @error(child)
            time.sleep(work_ms / 1000)  # @sleep(child)
            conn.send(msg.replace("ping", "pong"))  # @send(child)
    except EOFError:
        print("the parent closed its end: the child's recv() raised EOFError")  # @stdout(child)
        eof = True
    except OSError as e:
        recv_error = str(e)
        print("the child's recv() refused:", e)  # @stdout(child)
    print(f"eof_seen: {eof}")  # @exit
    print(f"recv_error: {recv_error}")


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--duplex", type=flag, default="true")
    cli.add_argument("--messages", type=int, default=5)
    cli.add_argument("--work_ms", type=int, default=100)
    args = cli.parse_args()
    a, b = Pipe(duplex=args.duplex)  # duplex=False: a only receives, b only sends
    p = Process(target=child, args=(b, a, args.work_ms))
    p.start()  # @start
    b.close()  # the parent keeps only its own end
    sent = received = 0
    in_order, send_error = True, ""
    try:
        for i in range(args.messages):
            a.send(f"ping {i}")  # @send(main) @error(main)
            sent += 1
            reply = a.recv()  # @recv(main) @wait:recv(main)
            received += 1
            in_order = in_order and reply == f"pong {i}"
            print("parent got", reply)  # @stdout(main)
    except OSError as e:
        send_error = str(e)
        print("the parent's send() refused:", e)  # @stdout(main)
    a.close()  # @close(main)
    p.join()  # @join @zombie @reaped
    print(f"duplex: {args.duplex}")
    print(f"messages_sent: {sent}")
    print(f"messages_received: {received}")
    print(f"replies_in_order: {in_order}")
    print(f"send_error: {send_error}")
    print(f"child_exitcode: {p.exitcode}")
