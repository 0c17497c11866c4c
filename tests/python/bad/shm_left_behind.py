"""Named semaphores (spawn context) and shared memory, then killed by the timeout:
Python's own clean-up never runs."""
import multiprocessing as mp
import time
from multiprocessing import shared_memory

if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    lock = ctx.Lock()
    shm = shared_memory.SharedMemory(create=True, size=1024)
    print("semaphore:", lock._semlock.name.lstrip("/"))
    print("shared_memory:", shm.name.lstrip("/"), flush=True)
    time.sleep(60)
