import argparse
import time
from multiprocessing import Process


def work(ms):  # @running
    print("child working for", ms, "ms")  # @stdout(child)
    time.sleep(ms / 1000)  # @sleep(child)
    print("child finished (not terminated in time)")


def state(pid):  # R running, S sleeping, Z zombie, ? gone
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "?"


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--work_ms", type=int, default=5000)
    cli.add_argument("--terminate_after_ms", type=int, default=500)
    cli.add_argument("--join_after_ms", type=int, default=500)
    args = cli.parse_args()
    p = Process(target=work, args=(args.work_ms,))
    p.start()  # @start
    time.sleep(args.terminate_after_ms / 1000)  # @sleep(main)
    p.terminate()  # @terminate @exit
    alive = p.is_alive()  # the signal may not have arrived yet
    print("right after terminate(): is_alive() =", alive)  # @stdout(main)
    time.sleep(args.join_after_ms / 1000)  # @sleep(main) @zombie
    zombie = state(p.pid)  # dead, not yet reaped: Z (no is_alive() in between: it would reap)
    p.join()  # @join @reaped
    print("after join(): is_alive() =", p.is_alive(), "exitcode =", p.exitcode)
    print(f"alive_after_terminate: {alive}")
    print(f"state_before_join: {zombie}")
    print(f"alive_after_join: {p.is_alive()}")
    print(f"exitcode: {p.exitcode}")
