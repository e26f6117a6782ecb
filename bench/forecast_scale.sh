#!/bin/sh
# `peaksim forecast` at scale: SERIES daily series of DAYS days (defaults 100,000 x 730, about 1.4 GB of CSV made by
# bench/make_history.py into WORK, kept there for later runs), horizon 28, MODEL (default global, the shipped
# weights) with --threads 2. Prints wall seconds, CPU seconds (user + system), peak resident memory (from
# /usr/bin/time -v) and the load average before and after: on a loaded machine wall time stretches, CPU time much
# less. Asserts nothing.
# Usage: bench/forecast_scale.sh [BUILD_DIR]
set -eu
BUILD_DIR=${1:-build}
PEAKSIM=$BUILD_DIR/cli/peaksim
SERIES=${SERIES:-100000}
DAYS=${DAYS:-730}
MODEL=${MODEL:-global}
WORK=${WORK:-/tmp/peaksim-forecast-scale}
mkdir -p "$WORK"
INPUT=$WORK/history_${SERIES}x${DAYS}.csv
[ -f "$INPUT" ] || /usr/bin/python3 "$(dirname "$0")/make_history.py" --series "$SERIES" --days "$DAYS" -o "$INPUT"
echo "input: $INPUT ($(stat -L -c %s "$INPUT") bytes), model $MODEL"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v "$PEAKSIM" forecast --input "$INPUT" --horizon 28 --model "$MODEL" --threads 2 \
  -o "$WORK/forecast.csv" --force 2>"$WORK/time" >/dev/null
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time")
user=$(sed -n 's/.*User time (seconds): //p' "$WORK/time")
system=$(sed -n 's/.*System time (seconds): //p' "$WORK/time")
peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time")
echo "wall $wall, cpu $(awk "BEGIN {printf \"%.1f\", $user + $system}") s (user $user, system $system), peak RSS $((peak / 1024)) MB"
