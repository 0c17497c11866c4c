#!/usr/bin/env bash
# Queue throughput, ProcLab against Python's multiprocessing.Queue, on the same
# machine in the same script: runs bench_queue (C++) and bench_queue.py
# alternately, ROUNDS times each, and prints the best items/s of every case
# with the ratio ProcLab/Python, tracing on and off (see bench_queue.cpp for
# what "on" and "off" mean). Builds nothing: build bench_queue first, e.g.
#   cmake --build build/dev --target bench_queue
#
# Usage: tests/bench/run_queue_bench.sh [bench_queue binary] [items]
#   binary  default build/dev/tests/bench/bench_queue (relative to the repo root
#           when not found from the current directory)
#   items   per case, default 200000
# Environment: ROUNDS (default 3), PYTHON (default python3 on PATH, else
# /root/.pyenv/shims/python3), DRAIN_MS (passed to bench_queue --drain-ms,
# default: its own, the host's 16 ms), TIMEOUT (seconds per program run, 900).
# Timings are reported, never checked; exit status is non-zero only when a
# program fails or miscounts items.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-build/dev/tests/bench/bench_queue}
items=${2:-200000}
rounds=${ROUNDS:-3}
timeout_s=${TIMEOUT:-900}

if [[ ! -x $bin && -x $root/$bin ]]; then
    bin=$root/$bin
fi
if [[ ! -x $bin ]]; then
    echo "run_queue_bench.sh: no bench_queue binary at '$bin' (build the bench_queue target first)" >&2
    exit 2
fi
python=${PYTHON:-}
if [[ -z $python ]]; then
    if command -v python3 >/dev/null 2>&1; then
        python=python3
    else
        python=/root/.pyenv/shims/python3
    fi
fi
drain=()
if [[ -n ${DRAIN_MS:-} ]]; then
    drain=(--drain-ms="$DRAIN_MS")
fi

results=$(mktemp)
trap 'rm -f "$results"' EXIT
status=0

# Runs one program under a timeout (which signals its whole process group, so
# no lab or worker process outlives it), shows its output, keeps its RESULT lines.
run() {
    local out rc=0
    out=$(timeout -k 10 "$timeout_s" "$@" 2>&1) || rc=$?
    printf '%s\n' "$out" | grep -v '^RESULT ' | sed 's/^/    /'
    printf '%s\n' "$out" | grep '^RESULT ' >>"$results" || true
    if ((rc != 0)); then
        echo "    (exit status $rc)"
        status=1
    fi
}

for ((r = 1; r <= rounds; ++r)); do
    # Alternate which tracing mode goes first, so drift hits both alike.
    if ((r % 2)); then order=on,off; else order=off,on; fi
    echo "round $r/$rounds: ProcLab (bench_queue $items --trace=$order ${drain[*]})"
    run "$bin" "$items" --trace="$order" "${drain[@]}"
    echo "round $r/$rounds: Python ($("$python" --version 2>&1))"
    run "$python" "$here/bench_queue.py" "$items"
done

echo
echo "best of $rounds, $items items per case, items/s (higher is better)"
awk '
    {
        delete f
        for (i = 2; i <= NF; ++i) { split($i, kv, "="); f[kv[1]] = kv[2] }
        key = f["impl"] "/" f["trace"] "/" f["case"]
        if (!(f["case"] in seen)) { seen[f["case"]] = 1; cases[++n] = f["case"] }
        if (f["ok"] != 1) bad[key] = 1
        if (f["items_per_s"] + 0 > best[key] + 0) best[key] = f["items_per_s"]
    }
    function cell(k) { return (k in best) ? sprintf("%12d%s", best[k], (k in bad) ? "!" : " ") : sprintf("%12s ", "-") }
    function ratio(a, b) { return (a in best && b in best && best[b] > 0) ? sprintf("%9.1fx", best[a] / best[b]) : sprintf("%10s", "-") }
    END {
        printf "%-11s %13s %13s %13s %10s %10s\n", "case", "ProcLab on", "ProcLab off", "Python", "on/Py", "off/Py"
        for (i = 1; i <= n; ++i) {
            c = cases[i]
            printf "%-11s %s %s %s %s %s\n", c, cell("proclab/on/" c), cell("proclab/off/" c),
                cell("python/na/" c), ratio("proclab/on/" c, "python/na/" c), ratio("proclab/off/" c, "python/na/" c)
        }
        for (k in bad) { print "! a run of " k " miscounted items or had a failing process"; break }
    }
' "$results"
echo "trace on: a drainer process reads every record like the host; off: records dropped at the capacity check"
exit $status
