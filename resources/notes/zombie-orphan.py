import argparse
import os
import select
import time
from multiprocessing import Process, Queue


def state(pid):  # R running, S sleeping, Z zombie, ? gone
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return fields[0], int(fields[1])  # the state letter and the parent's pid
    except FileNotFoundError:
        return "?", 0


def quick():  # @running(with:zombie)
    print("quick child: done")  # @stdout(child) @exit(with:zombie)


def orphan(hold_ms):  # @running(with:reparent)
    print("the orphan's parent is", os.getppid())  # @stdout(with:reparent)
    time.sleep(hold_ms / 1000)  # @sleep(with:reparent) @reparent
    print("the orphan's parent is now", os.getppid())  # @stdout(with:reparent) @exit(with:reparent)


def middle(hold_ms, parent_ends, q):  # @running(child)
    o = Process(target=orphan, args=(hold_ms,))
    o.start()  # @start(child)
    q.put(o.pid)
    if parent_ends == "os._exit":  # leave at once: returning would join o first
        time.sleep(hold_ms / 4000)  # @sleep(child)
        os._exit(0)  # @exit(child)
    time.sleep(hold_ms / 1000)  # @sleep(child)


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--mode", default="both")  # zombie | orphan | both
    cli.add_argument("--hold_ms", type=int, default=3000)
    cli.add_argument("--parent_ends", default="os._exit")  # os._exit | terminate
    args = cli.parse_args()
    if args.mode in ("zombie", "both"):
        z = Process(target=quick, name="Zombie")
        z.start()  # @start
        os.waitid(os.P_PID, z.pid, os.WEXITED | os.WNOWAIT)  # it has exited; not reaped yet
        time.sleep(args.hold_ms / 1000)  # @sleep(main) @zombie
        print(f"zombie_pid: {z.pid}")
        print(f"observed_state: {state(z.pid)[0]}")  # @stdout(main)
        z.join()  # @join @reaped
    if args.mode in ("orphan", "both"):
        q = Queue()
        m = Process(target=middle, args=(args.hold_ms, args.parent_ends, q), name="Parent")
        m.start()  # @start
        orphan_pid = q.get()
        if args.parent_ends == "terminate":
            time.sleep(args.hold_ms / 4000)  # @sleep(main)
            m.terminate()  # @terminate
        m.join()  # @join
        now, adopter = state(orphan_pid)  # not killed, not a zombie: it runs on, adopted
        print(f"orphan_pid: {orphan_pid}")
        print(f"parent_exitcode: {m.exitcode}")
        print(f"orphan_state: {now}")  # still running (S), not a zombie
        print(f"old_ppid: {m.pid}")
        print(f"new_ppid: {adopter}")  # the nearest subreaper, or init
        fd = os.pidfd_open(orphan_pid)  # not our child: join() cannot wait for it
        select.select([fd], [], [])  # until it has ended; its new parent reaps it
        os.close(fd)
