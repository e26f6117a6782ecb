#!/bin/sh
# peaksim experiment over MPI ranks. (1) What linking MPI costs every command: `peaksim --version` 50 times with
# this build and, when given, a build without MPI (cmake -DPEAKSIM_MPI=OFF), wall and CPU time per start. (2) Wall
# and CPU time (all processes) of scenarios/experiments/sS_vs_base_stock.yaml in one process with --jobs 1, over 2
# ranks (mpirun -np 2, one worker each) and in one process with --jobs 2. Prints figures and the load average;
# asserts nothing (a shared machine stretches wall times: rerun on a quiet one).
# Usage: bench/experiment_mpi.sh [BUILD_DIR] [BUILD_DIR_WITHOUT_MPI]
set -eu
BUILD_DIR=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # as CI, which runs as root

# "wall_seconds cpu_seconds" of a command (CPU: user + system of it and its children).
measure() {
  /usr/bin/time -f "%e %U %S" -o "$OUT/time" "$@" >"$OUT/out" 2>"$OUT/err" || {
    cat "$OUT/err" >&2
    exit 1
  }
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$OUT/time"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for build in "$BUILD_DIR" ${2:-}; do
  peaksim=$build/cli/peaksim
  mpi=$(ldd "$peaksim" | grep -q libmpi && echo "with MPI" || echo "without MPI")
  set -- $(measure sh -c "for i in \$(seq 50); do '$peaksim' --version >/dev/null; done")
  echo "peaksim --version ($mpi), 50 starts: wall $(echo "$1 * 20" | bc) ms, CPU $(echo "$2 * 20" | bc) ms per start"
done

peaksim=$BUILD_DIR/cli/peaksim
exp=$ROOT/scenarios/experiments/sS_vs_base_stock.yaml
set -- $(measure "$peaksim" experiment "$exp" -q -j 1 --force -o "$OUT/one.h5")
echo "sS_vs_base_stock, 1 process, --jobs 1: wall $1 s, CPU $2 s"
set -- $(measure mpirun -np 2 --oversubscribe "$peaksim" experiment "$exp" -q --force -o "$OUT/ranks.h5")
echo "sS_vs_base_stock, mpirun -np 2 (1 worker per rank): wall $1 s, CPU $2 s"
set -- $(measure "$peaksim" experiment "$exp" -q -j 2 --force -o "$OUT/two.h5")
echo "sS_vs_base_stock, 1 process, --jobs 2: wall $1 s, CPU $2 s"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
