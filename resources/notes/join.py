import argparse
import time
from multiprocessing import Process, current_process


def work(ms):  # @running
    print(current_process().name, "working for", ms, "ms")  # @stdout(child)
    time.sleep(ms / 1000)  # @sleep @exit


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--n", type=int, default=5)
    cli.add_argument("--work_ms", type=int, default=1000)
    cli.add_argument("--mode", default="join-in-loop")  # join-in-loop | join-after-start | no-join
    args = cli.parse_args()
    ps = [Process(target=work, args=(args.work_ms,)) for _ in range(args.n)]
    began = time.perf_counter()
    if args.mode == "join-in-loop":
        for p in ps:
            p.start()  # @start[mode=join-in-loop]
            p.join()  # @join[mode=join-in-loop] @zombie[mode=join-in-loop] @reaped[mode=join-in-loop]
    else:
        for p in ps:
            p.start()  # @start
        if args.mode == "join-after-start":
            for p in ps:
                p.join()  # @join @zombie @reaped
    alive = sum(p.is_alive() for p in ps)
    took = (time.perf_counter() - began) * 1000
    print(f"main code finished after {took:.0f} ms; {alive} children still running")  # @stdout(main) @join[mode=no-join]
    print(f"elapsed_ms: {round(took)}")
    print(f"expected_serial_ms: {args.n * args.work_ms}")
    print(f"children_running_when_main_ended: {alive}")
