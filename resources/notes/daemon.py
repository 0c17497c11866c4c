import argparse
import atexit
import time
from multiprocessing import Process, current_process


def grandchild():
    print("grandchild running")


def child(work_ms, spawns_child):  # @running
    me = current_process()
    print(me.name, "started; daemon =", me.daemon)  # @stdout(child)
    if me.daemon and spawns_child:
        try:
            Process(target=grandchild).start()  # @error
        except AssertionError as e:
            print("start() refused:", e)  # @stdout(child)
    time.sleep(work_ms / 1000)  # @sleep(child)
    print(me.name, "finished its work")  # @exit[exitcode=0]


def flag(text):  # the lab's booleans: true / false
    return text.lower() in ("true", "yes", "on", "1")


def report(p):  # atexit: runs after multiprocessing's exit handler (registered later, run first)
    print(f"child_exitcode: {p.exitcode}")
    print(f"child_terminated_by_main_exit: {p.exitcode == -15}")


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--daemon", type=flag, default="true")
    cli.add_argument("--child_work_ms", type=int, default=3000)
    cli.add_argument("--main_work_ms", type=int, default=500)
    cli.add_argument("--daemon_spawns_child", type=flag, default="false")
    args = cli.parse_args()
    p = Process(target=child, args=(args.child_work_ms, args.daemon_spawns_child), daemon=args.daemon)
    atexit.register(report, p)
    p.start()  # @start
    began = time.perf_counter()
    print("main working for", args.main_work_ms, "ms")  # @stdout(main)
    time.sleep(args.main_work_ms / 1000)  # @sleep(main)
    print(f"daemon: {p.daemon}")
    print(f"main_code_ms: {round((time.perf_counter() - began) * 1000)}")
    # Here main's code ends: Python terminates daemonic children, then joins the rest
    # (a terminated daemon that has died already is reaped without a join).
    print("main code ends here")  # @stdout(main) @daemon-terminated @terminate @exit[exitcode=-15] @join[daemon=false] @zombie @reaped
