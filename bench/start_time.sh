#!/bin/sh
# Start time of peaksim with and without the CUDA plugin beside it: the mean wall time of N runs (default 50) of
# `peaksim --version`, and of a small `peaksim forecast` with --backend cpu and auto. "With": the executable where it
# is (a build tree finds <build>/lib/peaksim/libpeaksim_cuda.so); "without": a copy of the executable alone in a
# temporary folder (no plugin next to it nor in ../lib/peaksim). Also lists the CUDA libraries the executable
# links (none expected: only the plugin links them). Prints figures; asserts nothing.
# Usage: bench/start_time.sh [PEAKSIM] [N]   (default build/cli/peaksim, 50)
set -u
peaksim=$(realpath "${1:-build/cli/peaksim}")
n=${2:-50}
work=$(mktemp -d "${TMPDIR:-/tmp}/peaksim-start-XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/alone/bin"
cp "$peaksim" "$work/alone/bin/peaksim"
python3 - "$work/h.csv" << 'PY'
import datetime, sys
with open(sys.argv[1], "w") as out:
    out.write("series_id,date,value\n")
    for t in range(60):
        out.write(f"a,{datetime.date(2024, 1, 1) + datetime.timedelta(days=t)},{10 + t % 7}\n")
PY

# Runs each command of a pair in turn, n times (after one warm-up run each), so that a change of load on a shared
# machine weighs on both alike; prints the two mean wall times in milliseconds.
pair_ms() {  # pair_ms ARGS...: peaksim ARGS with the plugin ($peaksim) and without ($alone)
  "$peaksim" "$@" > /dev/null 2>&1
  "$alone" "$@" > /dev/null 2>&1
  with=0 without=0 i=0
  while [ $i -lt "$n" ]; do
    t0=$(date +%s%N)
    "$peaksim" "$@" > /dev/null 2>&1
    t1=$(date +%s%N)
    "$alone" "$@" > /dev/null 2>&1
    t2=$(date +%s%N)
    with=$((with + t1 - t0)) without=$((without + t2 - t1)) i=$((i + 1))
  done
  echo "with the plugin $((with / n / 1000000)) ms, without $((without / n / 1000000)) ms"
}

alone=$work/alone/bin/peaksim
plugin=$(dirname "$peaksim")/../lib/peaksim/libpeaksim_cuda.so
echo "start_time: $(date -u +%FT%TZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $n runs each"
echo "start_time: plugin beside $peaksim: $([ -f "$plugin" ] && realpath "$plugin" || echo none)"
echo "start_time: CUDA libraries linked by peaksim: $(ldd "$peaksim" | grep -ciE 'cublas|cudart|libcuda') (expected 0)"
echo "start_time: --version: $(pair_ms --version)"
forecast="forecast --input $work/h.csv --horizon 7 --model ses --force -o $work/f.csv"
# shellcheck disable=SC2086  # $forecast is split into arguments on purpose
echo "start_time: forecast (1 series, 60 days) --backend cpu: $(pair_ms $forecast --backend cpu)"
# shellcheck disable=SC2086
echo "start_time: forecast (1 series, 60 days) --backend auto: $(pair_ms $forecast --backend auto)"
# shellcheck disable=SC2086
"$peaksim" $forecast -v 2>&1 > /dev/null | sed 's/^/start_time: auto with the plugin here: /'
echo "start_time: load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
