import os
import time

if __name__ == "__main__":
    pid = os.fork()
    if pid == 0:
        os.setsid()  # leaves ProcLab's process group
        if os.fork() == 0:
            time.sleep(120)
            os._exit(0)
        os._exit(0)
    os.waitpid(pid, 0)
    print("grandchild left behind on purpose")
