from multiprocessing import Process, Value, current_process

USE_LOCK = False  # the lab's "lock" parameter


def increment(counter):
    v = counter.value  # @read
    counter.value = v + 1  # @write @lost-update


def worker(counter, n):  # @running
    for _ in range(n):
        if USE_LOCK:
            with counter.get_lock():  # @wait:lock @hold:lock
                increment(counter)
        else:
            increment(counter)
    print(current_process().name, "did its", n, "increments")  # @stdout(child) @exit


if __name__ == "__main__":
    counter = Value("i", 0)  # an int in shared memory
    ps = [Process(target=worker, args=(counter, 10_000)) for _ in range(4)]
    for p in ps:
        p.start()  # @start
    for p in ps:
        p.join()  # @join @zombie @reaped
    print("expected", 4 * 10_000, "got", counter.value)  # @stdout(main)
