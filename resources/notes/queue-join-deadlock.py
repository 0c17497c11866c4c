import argparse
from multiprocessing import Process, Queue


def child(q, items):  # @running
    for i in range(items):
        q.put(i)  # @put @wait:put
    print("child put all its items and can finish")  # @stdout(child) @exit


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--items", type=int, default=10)
    cli.add_argument("--maxsize", type=int, default=3)
    cli.add_argument("--order", default="join-then-get")  # join-then-get | get-then-join
    cli.add_argument("--join_timeout_ms", type=int, default=2000)
    args = cli.parse_args()
    q = Queue(args.maxsize)
    p = Process(target=child, args=(q, args.items))
    p.start()  # @start
    blocked = False
    if args.order == "join-then-get":
        p.join(args.join_timeout_ms / 1000)  # @join[order=join-then-get]
        blocked = p.is_alive()  # still stuck in put(): nobody gets, a deadlock
        if blocked:
            print("join() gave up: the child is stuck in put(), nobody gets: deadlock")  # @stdout(main)
    received = [q.get() for _ in range(args.items)]  # @get
    p.join()  # @join[order=join-then-get] @join @zombie @reaped
    print(f"join_blocked: {blocked}")
    print(f"items_received: {len(received)}")
    print(f"child_exitcode: {p.exitcode}")
