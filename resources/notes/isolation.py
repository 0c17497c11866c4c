import argparse
from multiprocessing import Process, set_start_method

value = 100  # module level: a spawned child runs this line again


def child():  # @running
    global value
    print(f"child_value_seen_at_start: {value}")  # @stdout(child)
    value = 0
    print(f"child_value_after: {value}")  # @stdout(child) @exit


if __name__ == "__main__":
    cli = argparse.ArgumentParser()
    cli.add_argument("--method", default="fork")  # fork | spawn
    cli.add_argument("--value", type=int, default=100)
    args = cli.parse_args()
    set_start_method(args.method)
    value = args.value  # main changes the global before start()
    print("main set value =", value)  # @stdout(main)
    p = Process(target=child)
    p.start()  # @start
    p.join()  # @join @zombie @reaped
    print("parent still sees value =", value)  # @stdout(main)
    print(f"method: {args.method}")
    print(f"parent_value_after: {value}")
