"""Pool.map and ProcessPoolExecutor: tasks on worker lanes."""
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def square(x):
    return x * x


if __name__ == "__main__":
    with Pool(2) as pool:
        print("pool:", sum(pool.map(square, range(8), chunksize=2)))
    with ProcessPoolExecutor(2) as ex:
        print("futures:", sum(ex.map(square, range(4))))
