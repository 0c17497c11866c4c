import time
from multiprocessing import Process, current_process

DAEMON = True  # the lab's "daemon" parameter
SPAWNS_CHILD = False  # the lab's "daemon_spawns_child"


def grandchild():
    print("grandchild running")


def child():  # @running
    me = current_process()
    print(me.name, "started; daemon =", me.daemon)  # @stdout(child)
    if me.daemon and SPAWNS_CHILD:
        try:
            Process(target=grandchild).start()  # @error
        except AssertionError as e:
            print("start() refused:", e)  # @stdout(child)
    time.sleep(3)  # @sleep(child)
    print(me.name, "finished its work")  # @exit[exitcode=0]


if __name__ == "__main__":
    p = Process(target=child, daemon=DAEMON)
    p.start()  # @start
    print("main working for 500 ms")  # @stdout(main)
    time.sleep(0.5)  # @sleep(main)
    # Here main's code ends: Python terminates daemonic children, then joins the rest.
    print("main code ends here")  # @stdout(main) @daemon-terminated @terminate @exit[exitcode=-15] @join @zombie @reaped
