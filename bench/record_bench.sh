#!/bin/sh
# Cost of recording sku_daily arrays at scale: wall time of black_friday.yaml at SKUS SKUs (default 100,000),
# n = 4, --jobs 2, with record.level kpi_only and sku_daily (median of REPEATS runs, default 3), their ratio,
# and the parent's peak resident memory (VmHWM, reported by peaksim under PEAKSIM_RUN_STATS) for n = 4 and
# n = 16, which should not grow with the number of replications. Also the CPU seconds (user + system, workers
# included) of each run: on a loaded machine wall times stretch, CPU times much less. Prints figures; asserts
# nothing.
# Usage: bench/record_bench.sh [BUILD_DIR]
set -eu
BUILD_DIR=${1:-build}
PEAKSIM=$BUILD_DIR/cli/peaksim
SKUS=${SKUS:-100000}
REPEATS=${REPEATS:-3}
SCENARIO=$(dirname "$0")/../scenarios/black_friday.yaml
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# Runs peaksim once; prints "wall_seconds parent_kB largest_worker_kB file_bytes cpu_seconds".
run_once() {
  level=$1 n=$2
  PEAKSIM_RUN_STATS=1 /usr/bin/time -f "%e %U %S" -o "$OUT/time" \
    "$PEAKSIM" run "$SCENARIO" --set catalog.generate.count="$SKUS" --set record.level="$level" \
    -n "$n" --jobs 2 -q -o "$OUT/r.h5" --force 2>"$OUT/err"
  parent=$(sed -n 's/.*parent \([0-9]*\) kB.*/\1/p' "$OUT/err")
  worker=$(sed -n 's/.*largest worker \([0-9]*\) kB.*/\1/p' "$OUT/err")
  set -- $(cat "$OUT/time")
  echo "$1 $parent $worker $(stat -c %s "$OUT/r.h5") $(awk "BEGIN {printf \"%.2f\", $2 + $3}")"
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

echo "black_friday.yaml, $SKUS SKUs, --jobs 2; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for level in kpi_only sku_daily; do
  : >"$OUT/$level"
  for i in $(seq "$REPEATS"); do
    line=$(run_once "$level" 4)
    set -- $line
    echo "  n=4 $level run $i: wall $1 s, CPU $5 s (parent $2 kB, largest worker $3 kB, file $4 bytes)"
    echo "$1" >>"$OUT/$level"
    echo "$5" >>"$OUT/$level.cpu"
  done
done
kpi=$(median <"$OUT/kpi_only")
sku=$(median <"$OUT/sku_daily")
kpi_cpu=$(median <"$OUT/kpi_only.cpu")
sku_cpu=$(median <"$OUT/sku_daily.cpu")
echo "median wall s, n=4: kpi_only $kpi, sku_daily $sku, ratio $(awk "BEGIN {printf \"%.2f\", $sku / $kpi}")"
echo "median CPU s, n=4: kpi_only $kpi_cpu, sku_daily $sku_cpu, ratio $(awk "BEGIN {printf \"%.2f\", $sku_cpu / $kpi_cpu}")"
for n in 4 16; do
  set -- $(run_once sku_daily "$n")
  echo "sku_daily n=$n: wall $1 s, parent peak RSS $2 kB, largest worker $3 kB, file $4 bytes"
done
