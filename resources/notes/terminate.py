import time
from multiprocessing import Process


def work(ms):  # @running
    print("child working for", ms, "ms")  # @stdout(child)
    time.sleep(ms / 1000)  # @sleep(child)
    print("child finished (not terminated in time)")


if __name__ == "__main__":
    p = Process(target=work, args=(5000,))
    p.start()  # @start
    time.sleep(0.5)  # @sleep(main)
    p.terminate()  # @terminate @exit
    print("right after terminate(): is_alive() =", p.is_alive())  # @stdout(main)
    # The child is dead but not yet reaped: a zombie, until join().
    time.sleep(0.5)  # @sleep(main) @zombie
    p.join()  # @join @reaped
    print("after join(): is_alive() =", p.is_alive(), "exitcode =", p.exitcode)
