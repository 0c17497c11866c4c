from multiprocessing import Process


def fail():
    raise ValueError("bad item 42")


if __name__ == "__main__":
    p = Process(target=fail)
    p.start()
    p.join()
    print("child exitcode:", p.exitcode)
