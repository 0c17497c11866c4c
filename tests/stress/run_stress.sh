#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The reliability figures of docs/RELIABILITY.md, measured (about an hour on
# a 2-core machine): prints one table and keeps each driver's JSON report.
#
#   bash tests/stress/run_stress.sh [OUT_DIR]
#
# Environment: BUILD (default build/ci, a normal build with the tests),
# ASAN_BUILD (default build/asan: `cmake --preset asan`; the fuzzer target is
# built there if missing), RUNS (1000), KILLS (100 per target), LOCK_ROUNDS
# (1000), FUZZ_INPUTS (100000, half traces, half --set strings), HEAVY_INCREMENTS
# (counter-race increments per worker of the heavy run, 64 workers; 100000),
# SEED (1).
set -euo pipefail
cd "$(dirname "$0")/../.."
src="$(pwd)"
out="$(mkdir -p "${1:-proclab-output/stress}" && cd "${1:-proclab-output/stress}" && pwd)"
build="$(cd "${BUILD:-build/ci}" && pwd)"
asan="${ASAN_BUILD:-build/asan}"
runs="${RUNS:-1000}" kills="${KILLS:-100}" lock_rounds="${LOCK_ROUNDS:-1000}"
fuzz="${FUZZ_INPUTS:-100000}" heavy="${HEAVY_INCREMENTS:-100000}" seed="${SEED:-1}"

for t in stress_runs stress_kill stress_lock fuzz_inputs; do
  [ -x "$build/tests/stress/$t" ] || { echo "run_stress: build first ($build/tests/stress/$t)"; exit 1; }
done
export PROCLAB_RUN="$build/gui/proclab-run" PROCLAB_APP="$build/gui/proclab"
export PROCLAB_RUNNER="$build/engine/runner/proclab-runner" QT_QPA_PLATFORM=offscreen
export QT_LOGGING_RULES='qt.qpa.*=false'

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
step() { # NAME DRIVER ARGS...: runs with an empty TMPDIR of its own
  local name="$1"; shift
  local tmp="$scratch/$name"; mkdir -p "$tmp"
  echo "run_stress: $name ($(date +%T))" >&2
  local rc=0
  TMPDIR="$tmp" "$@" >"$out/$name.json" 2>"$out/$name.log" || rc=$?
  echo "$rc" >"$out/$name.rc"
  tail -n 3 "$out/$name.log" >&2 || true
}

programs="$src/tests/python/programs"
step runs-cli "$build/tests/stress/stress_runs" --via cli --runs "$runs" --seed "$seed" \
  --python-dir "$programs" --python-share 15
step runs-session "$build/tests/stress/stress_runs" --via session --runs "$runs" --mark 100 \
  --seed "$((seed + 1))" --python-dir "$programs" --python-share 15
for target in gui cli runner; do
  step "kill-$target" "$build/tests/stress/stress_kill" --target "$target" --rounds "$kills" \
    --seed "$seed"
done
step lock "$build/tests/stress/stress_lock" "$lock_rounds" "$seed"
step heavy "$build/tests/stress/stress_runs" --heavy --increments "$heavy"

# Fuzzing under ASan + UBSan: real traces from the real CLI to start from.
if [ ! -x "$asan/tests/stress/fuzz_inputs" ]; then
  echo "run_stress: building fuzz_inputs with the asan preset ($(date +%T))" >&2
  [ -f "$asan/CMakeCache.txt" ] || cmake --preset asan -Wno-dev >/dev/null
  cmake --build "$asan" -j2 --target fuzz_inputs >"$out/asan-build.log" 2>&1
fi
seeds="$scratch/seeds"; mkdir -p "$seeds"
for run in "join --set n=3" "daemon" "terminate" "zombie-orphan --set hold_ms=200" \
           "counter-race --set workers=3 --set increments=30" "pipe --set messages=4" \
           "queue-basics" "manager-dict --set workers=2" "lock-holder-killed --set hold_ms=300"; do
  # shellcheck disable=SC2086
  TMPDIR="$scratch" "$PROCLAB_RUN" $run --trace "$seeds/${run%% *}.json" >/dev/null 2>&1 || true
done
TMPDIR="$scratch" "$PROCLAB_RUN" --python "$programs/pipe_pingpong.py" \
  --trace "$seeds/python-pipe.json" >/dev/null 2>&1 || true
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
batches=10
per=$((fuzz / 2 / batches))
for kind in traces params; do
  for b in $(seq 1 "$batches"); do
    if [ "$kind" = traces ]; then
      step "fuzz-$kind-$b" "$asan/tests/stress/fuzz_inputs" --traces "$seeds" --inputs "$per" \
        --seed "$((seed * 100 + b))"
    else
      step "fuzz-$kind-$b" "$asan/tests/stress/fuzz_inputs" --params --inputs "$per" \
        --seed "$((seed * 100 + b))"
    fi
  done
done

python3 - "$out" "$batches" <<'EOF'
import json, pathlib, sys
out, batches = pathlib.Path(sys.argv[1]), int(sys.argv[2])
def rep(name):
    try:
        return json.loads((out / f"{name}.json").read_text().strip().splitlines()[-1])
    except Exception:
        return {}
def rc(name):
    return (out / f"{name}.rc").read_text().strip()
rows = []
for via in ("cli", "session"):
    r = rep(f"runs-{via}")
    rows.append((f"consecutive runs via {via} ({r.get('lab_runs')} labs, {r.get('python_runs')} Python)",
                 f"{r.get('runs')} runs, {r.get('hangs')} hangs, {r.get('dirty_runs')} runs left something; "
                 f"left at the end: {r.get('left_processes')} processes, {r.get('left_zombies')} zombies, "
                 f"{r.get('left_shm_names')} /dev/shm names, {r.get('left_temp_entries')} temp entries"
                 + (f"; host fds at run {r.get('mark')} -> {r.get('runs')}: {r.get('host_fds_at_mark')} -> "
                    f"{r.get('host_fds_at_end')}, RSS {r.get('host_rss_kib_at_mark')} -> "
                    f"{r.get('host_rss_kib_at_end')} KiB" if via == "session" else "")
                 + f"; statuses {r.get('statuses')}; {r.get('seconds')} s", rc(f"runs-{via}")))
for t in ("gui", "cli", "runner"):
    r = rep(f"kill-{t}")
    rows.append((f"{t} SIGKILLed at a random moment of a run",
                 f"{r.get('kills')} kills ({r.get('processes_watched')} processes below), "
                 f"{r.get('alive_1s_later')} alive 1 s later, slowest all-gone {r.get('slowest_all_gone_ms')} ms, "
                 f"{r.get('dirty_rounds')} rounds left something; {r.get('seconds')} s", rc(f"kill-{t}")))
r = rep("lock")
rows.append(("lock holder terminated at a random moment",
             f"{r.get('rounds')} rounds ({r.get('terminated')} terminate, {r.get('killed')} kill, "
             f"{r.get('rlock_rounds')} RLock; died holding it: {r.get('holder_died_holding_it')}), "
             f"{r.get('hangs')} hangs, slowest next acquire {r.get('slowest_next_acquire_ms')} ms", rc("lock")))
for kind in ("traces", "params"):
    reps = [rep(f"fuzz-{kind}-{b}") for b in range(1, batches + 1)]
    crashed = sum(1 for b in range(1, batches + 1) if rc(f"fuzz-{kind}-{b}") not in ("0", "1"))
    total = sum(r.get("inputs", 0) for r in reps)
    rows.append((f"fuzzed {kind} (ASan + UBSan)",
                 f"{total} inputs, {crashed} crashed batches, {sum(r.get('refused', 0) for r in reps)} refused, "
                 f"{sum(r.get('refused_without_message', 0) for r in reps)} refused without a message, "
                 f"{sum(r.get('round_trip_failures', 0) for r in reps)} round-trip failures",
                 "0" if crashed == 0 and all(rc(f"fuzz-{kind}-{b}") == "0" for b in range(1, batches + 1)) else "1"))
for h in rep("heavy").get("heavy", []):
    counts = ", ".join(f"{c['event']} {c['written']}/{c['decoded']}" for c in h["counts"])
    rows.append((f"heavy: {h['run']}",
                 f"written/decoded: {counts}; {h.get('records_read')} records read, writers waited "
                 f"{h.get('writers_waited_ms')} ms; {h['ms']} ms, host RSS {h.get('host_rss_kib')} KiB",
                 rc("heavy")))
print("| figure | measured | driver exit |")
print("|---|---|---|")
for a, b, c in rows:
    print(f"| {a} | {b} | {c} |")
EOF
