from multiprocessing import Process, Queue

ORDER = "join-then-get"  # the lab's "order": join-then-get | get-then-join
ITEMS, MAXSIZE = 10, 3


def child(q):  # @running
    for i in range(ITEMS):
        q.put(i)  # @put @wait:put
    print("child put all its items and can finish")  # @stdout(child) @exit


if __name__ == "__main__":
    q = Queue(MAXSIZE)
    p = Process(target=child, args=(q,))
    p.start()  # @start
    if ORDER == "join-then-get":
        p.join(2)  # @join[order=join-then-get]
        if p.is_alive():
            print("join() gave up: the child is stuck in put(), nobody gets: deadlock")  # @stdout(main)
    received = [q.get() for _ in range(ITEMS)]  # @get
    p.join()  # @join[order=join-then-get] @join @zombie @reaped
    print("received", len(received), "items; child exitcode", p.exitcode)  # @stdout(main)
