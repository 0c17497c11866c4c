import argparse
from multiprocessing import Array, Process, current_process


def fill(k, workers, arr, plain):  # @running
    for i in range(k, len(arr), workers):  # worker k takes every workers-th slot
        arr[i] = i * i  # @write
        plain[i] = i * i  # this process's own copy of the list
    print(current_process().name, "filled", len(range(k, len(arr), workers)), "slot(s)")  # @stdout(child) @exit


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--workers", type=int, default=4)
    cli.add_argument("--length", type=int, default=16)
    args = cli.parse_args()
    arr = Array("i", args.length)  # length ints in shared memory, all 0
    plain = [0] * args.length  # an ordinary list: every child gets a copy
    ps = [Process(target=fill, args=(k, args.workers, arr, plain)) for k in range(args.workers)]
    for p in ps:
        p.start()  # @start
    for p in ps:
        p.join()  # @join @zombie @reaped
    print("arr[:8] =", arr[:8])  # @read(main) @stdout(main)
    print(f"array_sum: {sum(arr)}")
    print(f"list_sum: {sum(plain)}")
    print(f"expected_sum: {sum(i * i for i in range(args.length))}")
