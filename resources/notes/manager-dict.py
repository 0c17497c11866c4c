from multiprocessing import Manager, Process, current_process


def worker(d, k):  # @running(child)
    key = f"worker-{k}"
    d[key] = [current_process().pid]  # @write(child) @put(child)
    d[key].append("lost")  # changes a copy that the manager never sees
    items = d[key]  # @read(child) @get(child)
    items.append("kept")
    d[key] = items  # @write(child) @put(child)


if __name__ == "__main__":
    with Manager() as m:  # @start @running(with:get)
        d = m.dict()  # a proxy: the real dict lives in the manager's process
        ps = [Process(target=worker, args=(d, k)) for k in range(4)]
        for p in ps:
            p.start()  # @start
        for p in ps:
            p.join()  # @join @zombie @reaped
        for key, value in sorted(d.items()):  # @read(main) @get(main)
            print(key, value)  # @stdout(main)
        print(len(d), "keys read back")  # @stdout(main)
