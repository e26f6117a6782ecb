#!/bin/sh
# peaksim experiment at scale. (1) The parent's peak resident memory (VmHWM, reported under PEAKSIM_RUN_STATS) over
# 1,000 and 10,000 replications per arm of a tiny two-arm experiment (the reference (s,S) model cut to 5 SKUs and
# 30 days), and of `peaksim run` of the same model: it should not grow with the replications, since the parent keeps
# KPI values only and results stream to disk. (2) Wall time (and the CPU time of the parent and of the workers) with --jobs 1 and --jobs 2 on each experiment of scenarios/experiments/ and on the tiny one
# at 1,000 replications, and the parallel efficiency t1 / (2 t2). Prints figures and the load average; asserts
# nothing (a shared machine stretches wall times: rerun on a quiet one).
# Usage: bench/experiment_scale.sh [BUILD_DIR]
set -eu
BUILD_DIR=${1:-build}
PEAKSIM=$BUILD_DIR/cli/peaksim
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

tiny() {
  cat >"$OUT/tiny_$1.yaml" <<YAML
experiment: tiny_scale
scenario: $ROOT/scenarios/reference/single_sS.yaml
seed: 11
replications: $1
set:
  catalog.generate.count: 5
  horizon: 30d
baseline: sS
compare: [total_cost]
arms:
  - name: sS
  - name: base_stock
    set: {policy: {type: base_stock, S: 40}}
YAML
  echo "$OUT/tiny_$1.yaml"
}

# Runs one experiment; prints "wall_seconds parent_kB parent_cpu_seconds workers_cpu_seconds largest_worker_kB" (the
# workers include those that join each arm's shards at the end).
run_once() {
  file=$1 jobs=$2
  PEAKSIM_RUN_STATS=1 /usr/bin/time -f "%e" -o "$OUT/time" \
    "$PEAKSIM" experiment "$file" --jobs "$jobs" -q --force -o "$OUT/e.h5" 2>"$OUT/err" || {
    cat "$OUT/err" >&2
    exit 1
  }
  echo "$(cat "$OUT/time") $(sed -n 's/.*parent \([0-9]*\) kB.*/\1/p' "$OUT/err")" \
    "$(sed -n 's/CPU time: parent \([0-9.]*\) s ; workers \([0-9.]*\) s/\1 \2/p' "$OUT/err")" \
    "$(sed -n 's/.*largest worker \([0-9]*\) kB.*/\1/p' "$OUT/err")"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in 1000 10000; do
  set -- $(run_once "$(tiny $n)" 2)
  echo "tiny experiment, 2 arms x $n replications, --jobs 2: wall $1 s, parent peak RSS $2 kB, CPU parent $3 s," \
    "workers $4 s, largest worker peak RSS $5 kB"
done
# The same model through `peaksim run` (one writer, no shards): its parent's peak memory should not grow either.
for n in 1000 10000; do
  PEAKSIM_RUN_STATS=1 "$PEAKSIM" run "$ROOT/scenarios/reference/single_sS.yaml" --set catalog.generate.count=5 \
    --set horizon=30d -n "$n" -j 2 -q --force -o "$OUT/r.h5" 2>"$OUT/err" || {
    cat "$OUT/err" >&2
    exit 1
  }
  echo "peaksim run, tiny model, $n replications, --jobs 2: parent peak RSS" \
    "$(sed -n 's/.*parent \([0-9]*\) kB.*/\1/p' "$OUT/err") kB"
done
for file in "$ROOT"/scenarios/experiments/*.yaml "$(tiny 1000)"; do
  [ -f "$file" ] || continue
  set -- $(run_once "$file" 1)
  t1=$1 cpu1="parent $3 s, workers $4 s"
  set -- $(run_once "$file" 2)
  t2=$1 cpu2="parent $3 s, workers $4 s"
  echo "$(basename "$file"): --jobs 1 $t1 s ($cpu1), --jobs 2 $t2 s ($cpu2)," \
    "efficiency t1/(2 t2) = $(awk "BEGIN {printf \"%.2f\", $t1 / (2 * $t2)}")"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
