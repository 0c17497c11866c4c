# SPDX-License-Identifier: MIT
"""Course: besides queues, multiprocessing passes messages through pipes
(a Queue is a pipe plus locks). Pipe() gives two connected ends; the
parent sends work to a child through one end and gets the answers back on
the same end. When the parent closes its end, the child's recv() raises
EOFError: that is how the child knows it is done."""
from multiprocessing import Pipe, Process


def squarer(other_end, conn):
    other_end.close()  # a fork child holds both ends: close the parent's, or EOF never comes
    handled = 0
    while True:
        try:
            x = conn.recv()
        except EOFError:  # the other end was closed
            break
        conn.send(x * x)
        handled += 1
    print("child_handled: %d" % handled)


if __name__ == "__main__":
    parent_end, child_end = Pipe()
    p = Process(target=squarer, args=(parent_end, child_end))
    p.start()
    child_end.close()  # the child has its own copy; ours would keep EOF away
    results = []
    for x in (1, 2, 3):
        parent_end.send(x)
        results.append(parent_end.recv())
    parent_end.close()
    p.join()
    print("results: %s" % " ".join(str(r) for r in results))
    print("child_exitcode: %d" % p.exitcode)
