import time
from multiprocessing import Process

MODE = "join-in-loop"  # the lab's "mode": join-in-loop | join-after-start | no-join


def work(ms):  # @running
    print("working for", ms, "ms")  # @stdout(child)
    time.sleep(ms / 1000)  # @sleep @exit


if __name__ == "__main__":
    ps = [Process(target=work, args=(1000,)) for _ in range(5)]
    began = time.perf_counter()
    if MODE == "join-in-loop":
        for p in ps:
            p.start()  # @start[mode=join-in-loop]
            p.join()  # @join[mode=join-in-loop] @zombie[mode=join-in-loop] @reaped[mode=join-in-loop]
    else:
        for p in ps:
            p.start()  # @start
        if MODE == "join-after-start":
            for p in ps:
                p.join()  # @join @zombie @reaped
    alive = sum(p.is_alive() for p in ps)
    took = time.perf_counter() - began
    print(f"main code done after {took:.1f} s; {alive} still running")  # @stdout(main) @join[mode=no-join]
