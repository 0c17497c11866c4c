#!/usr/bin/env python3
"""A/B of a lab's elapsed_ms across builds, traced and untraced, alternating in
random order each round (this VM's runs of a few ms vary several-fold, so the
median of each round's ratio is compared, with a 90 % bootstrap interval).

    python3 tests/bench/ab_elapsed.py LAB ROUNDS NAME=BUILD[:off] ... [-- key=value ...]

e.g. old=/path/old/build new=build off=build:off  (":off" runs with --no-trace;
every variant is compared with each untraced one). Used for README's goal-1 rounds.
A run is measured as run_trace_bench.py's goal 1 measures it (lab_run)."""
import os
import random
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_trace_bench import find, lab_run  # noqa: E402


def bootstrap(xs, n=2000):
    m = sorted(statistics.median(random.choices(xs, k=len(xs))) for _ in range(n))
    return m[n // 20], m[-n // 20]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    lab, rounds = sys.argv[1], int(sys.argv[2])
    rest = sys.argv[3:]
    cut = rest.index("--") if "--" in rest else len(rest)
    params = dict(p.split("=", 1) for p in rest[cut + 1:])
    variants = {}  # name: (proclab-run, tracing)
    for spec in rest[:cut]:
        name, build = spec.split("=", 1)
        variants[name] = (find(build.removesuffix(":off"), "proclab-run"), not build.endswith(":off"))
    got = {k: [] for k in variants}
    for _ in range(rounds):
        order = list(variants)
        random.shuffle(order)
        this = {k: lab_run(variants[k][0], lab, params, variants[k][1]) for k in order}
        if all(this.values()):  # a failed run drops its whole round: the rest stay paired
            for k, g in this.items():
                got[k].append(g["ms"])
    print(f"{lab} {' '.join(f'{k}={v}' for k, v in params.items())} rounds={len(got[order[0]])}")
    offs = [k for k, (_, tracing) in variants.items() if not tracing]
    for k, xs in got.items():
        line = (f"  {k:8s} median {statistics.median(xs):8.3f} mean {statistics.mean(xs):8.3f} "
                f"min {min(xs):8.3f}")
        for o in offs:
            if o != k:
                ratios = [a / b for a, b in zip(xs, got[o])]
                lo, hi = bootstrap(ratios)
                line += f"  /{o} {statistics.median(ratios):.3f} [{lo:.3f},{hi:.3f}]"
        print(line, flush=True)


if __name__ == "__main__":
    main()
