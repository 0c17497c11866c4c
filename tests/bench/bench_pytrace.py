#!/usr/bin/env python3
"""The CPython engine's overhead: the same Python programs run untraced
(plain python3) and traced (proclab-run --python), alternating, best of N.
Each program times its own work (elapsed_ms), so interpreter start-up and
ProcLab's host are not in the figure: only what tracing costs the program.

    python3 tests/bench/bench_pytrace.py [--proclab-run build/gui/proclab-run] [--rounds 5]
"""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = [
    ("4 processes x 100,000 Value increments", "value_increments.py", ["100000"]),
    ("Queue 1->1, 100,000 items", "queue_one_to_one.py", ["100000"]),
    ("64 process starts (fork) + joins", "process_starts.py", ["64"]),
]


def untraced(program, args):
    out = subprocess.run([sys.executable, program] + args, capture_output=True, text=True,
                         check=True).stdout
    return float(re.search(r"elapsed_ms: ([\d.]+)", out).group(1))


def traced(runner, program, args, pure):
    env = dict(os.environ)
    if pure:
        env["PROCLAB_TRACE_PURE"] = "1"
    out = subprocess.run([runner, "--python", program, "--json",
                          "--python-interpreter", sys.executable, "--"] + args,
                         capture_output=True, text=True, check=True, env=env).stdout
    summary = json.loads(out.strip().splitlines()[-1])["summary"]
    return float(summary["elapsed_ms"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--proclab-run", default=os.path.join(HERE, "../../build/ci/gui/proclab-run"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--pure", action="store_true", help="also the pure-Python writer")
    opts = ap.parse_args()
    variants = [("traced", False)] + ([("traced, pure Python", True)] if opts.pure else [])
    print("| case | untraced ms | " + " | ".join(f"{v} ms | ratio" for v, _ in variants) + " |")
    print("|---|---|" + "---|---|" * len(variants))
    for title, name, args in CASES:
        program = os.path.join(HERE, "pytrace", name)
        best = {"untraced": float("inf")}
        best.update({v: float("inf") for v, _ in variants})
        for _ in range(opts.rounds):  # alternating: the machine's noise hits both alike
            best["untraced"] = min(best["untraced"], untraced(program, args))
            for v, pure in variants:
                best[v] = min(best[v], traced(opts.proclab_run, program, args, pure))
        cells = [f"{best[v]:.0f} | {best[v] / best['untraced']:.2f}x" for v, _ in variants]
        print(f"| {title} | {best['untraced']:.0f} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
