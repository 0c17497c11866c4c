import queue
import time
from multiprocessing import Process, Queue

MAXSIZE, PUTS, BLOCK = 3, 4, True  # the lab's parameters
TIMEOUT = None  # timeout_ms / 1000, or None: wait for ever


def consumer(q):  # @running
    time.sleep(1)  # @sleep(child)
    try:
        for _ in range(PUTS):
            item = q.get(BLOCK, TIMEOUT)  # @get @wait:get
            if item is None:
                break
            print("got", item, "- about", q.qsize(), "left")  # @stdout(child)
        print("last get:", q.get(BLOCK, TIMEOUT))  # @get[sentinel=true] @wait:get @exit
    except queue.Empty:
        print("get() raised queue.Empty")  # @error(child)


if __name__ == "__main__":
    q = Queue(MAXSIZE)
    c = Process(target=consumer, args=(q,))
    c.start()  # @start
    try:
        for i in range(PUTS):
            q.put(i, BLOCK, TIMEOUT)  # @put @wait:put
            print("put", i)  # @stdout(main)
    except queue.Full:
        print("put() raised queue.Full")  # @error(main)
    time.sleep(0.5)  # @sleep(main)
    q.put(None)  # @put[sentinel=true]
    c.join()  # @join @zombie @reaped
