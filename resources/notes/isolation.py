from multiprocessing import Process, set_start_method

METHOD = "fork"  # the lab's "method": fork | spawn
value = 100  # module level: a spawned child runs this line again


def child():  # @running
    global value
    print("child sees value =", value)  # @stdout(child)
    value = 0
    print("child set value =", value)  # @stdout(child) @exit


if __name__ == "__main__":
    set_start_method(METHOD)
    value = 100  # the lab's "value": what main sets before start()
    print("main set value =", value)  # @stdout(main)
    p = Process(target=child)
    p.start()  # @start
    p.join()  # @join @zombie @reaped
    print("parent still sees value =", value)  # @stdout(main)
