#!/usr/bin/env python3
"""A/B of a lab's elapsed_ms across builds, traced and untraced, alternating in
random order each round (this VM's runs of a few ms vary several-fold, so the
median of each round's ratio is compared, with a 90 % bootstrap interval).

    python3 tests/bench/ab_elapsed.py LAB ROUNDS NAME=BUILD[:off] ... [-- key=value ...]

e.g. old=/path/old/build new=build off=build:off  (":off" runs with --no-trace;
every variant is compared with each untraced one). Used for README's goal-1 rounds."""
import json, os, random, statistics, subprocess, sys
lab, rounds = sys.argv[1], int(sys.argv[2])
rest = sys.argv[3:]
params = rest[rest.index("--") + 1:] if "--" in rest else []
specs = rest[:rest.index("--")] if "--" in rest else rest
variants = {}
for s in specs:
    name, b = s.split("=", 1)
    off = b.endswith(":off")
    variants[name] = (os.path.join(b.removesuffix(":off"), "gui", "proclab-run"), not off)
def run(cli, tracing):
    cmd = [cli, lab, "--json"] + sum((["--set", p] for p in params), [])
    if not tracing: cmd.append("--no-trace")
    r = subprocess.run(cmd, capture_output=True, text=True)
    j = json.loads([l for l in r.stdout.splitlines() if l.startswith("{")][-1])
    ms = j.get("summary", {}).get("elapsed_ms")
    return float(ms if isinstance(ms, (int, float)) else j.get("main_ms"))
got = {k: [] for k in variants}
for r in range(rounds):
    order = list(variants); random.shuffle(order)
    for k in order:
        got[k].append(run(*variants[k]))
def boot(xs, n=2000):
    m = sorted(statistics.median(random.choices(xs, k=len(xs))) for _ in range(n))
    return m[n // 20], m[-n // 20]
print(f"{lab} {' '.join(params)} rounds={rounds}")
offs = [k for k, v in variants.items() if not v[1]]
for k, xs in got.items():
    line = f"  {k:8s} median {statistics.median(xs):8.3f} mean {statistics.mean(xs):8.3f} min {min(xs):8.3f}"
    for o in offs:
        if o != k:
            pr = [a / b for a, b in zip(xs, got[o])]
            lo, hi = boot(pr)
            line += f"  /{o} {statistics.median(pr):.3f} [{lo:.3f},{hi:.3f}]"
    print(line, flush=True)
