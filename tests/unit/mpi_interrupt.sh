#!/bin/sh
# Ctrl-C to mpirun stops every rank and its worker processes. Usage: mpi_interrupt.sh RANKS MPIRUN... PROBE
# (tests/unit/mpi_interrupt_probe.cpp). SIGINT goes to mpirun alone, then, in a second run, to its whole process
# group as a terminal's Ctrl-C does.
ranks=$1
shift
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
status=0

for target in mpirun group; do
  rm -f "$folder"/*.pid
  setsid "$@" "$folder" &  # a process group of its own, as a terminal's foreground job has
  mpirun=$!
  i=0
  while [ "$(ls "$folder" | grep -c '^worker_')" -lt "$ranks" ]; do
    i=$((i + 1))
    if [ $i -gt 600 ]; then
      echo "FAIL ($target): $ranks workers did not start within 60 s"
      kill -KILL -"$mpirun" 2>/dev/null
      exit 1
    fi
    sleep 0.1
  done
  pids=$(cat "$folder"/*.pid)
  if [ "$target" = mpirun ]; then kill -INT "$mpirun"; else kill -INT -"$mpirun"; fi
  i=0
  while kill -0 "$mpirun" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 300 ]; then
      echo "FAIL ($target): mpirun still running 30 s after SIGINT"
      kill -KILL -"$mpirun" 2>/dev/null
      exit 1
    fi
    sleep 0.1
  done
  sleep 1  # a worker is killed by its rank's handler as the rank ends
  for pid in $pids; do
    state=$(ps -o stat= -p "$pid")
    if [ -n "$state" ] && [ "${state#Z}" = "$state" ]; then  # alive, not a zombie waiting to be reaped
      echo "FAIL ($target): process $pid ($(cat /proc/"$pid"/cmdline 2>/dev/null | tr '\0' ' ')) still running"
      kill -KILL "$pid"
      status=1
    fi
  done
  [ $status -eq 0 ] && echo "ok ($target): $(echo $pids | wc -w) processes (ranks and workers) ended"
done
exit $status
