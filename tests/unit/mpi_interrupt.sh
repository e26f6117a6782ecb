#!/bin/sh
# Ctrl-C to mpirun stops every rank and its worker processes. Usage: mpi_interrupt.sh RANKS MPIRUN... PROBE
# (tests/unit/mpi_interrupt_probe.cpp). SIGINT goes to mpirun alone, then, in a second run, to its whole process
# group as a terminal's Ctrl-C does.
ranks=$1
shift
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
status=0

workers_missing() { [ "$(ls "$folder" | grep -c '^worker_')" -lt "$ranks" ]; }

# wait_while POLLS MESSAGE COMMAND...: polls COMMAND every 0.1 s while it succeeds; after POLLS polls the test fails
# with MESSAGE and mpirun's process group is killed.
wait_while() {
  polls=$1 message=$2
  shift 2
  i=0
  while "$@" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt "$polls" ]; then
      echo "FAIL ($target): $message"
      kill -KILL -"$mpirun" 2>/dev/null
      exit 1
    fi
    sleep 0.1
  done
}

for target in mpirun group; do
  rm -f "$folder"/*.pid
  setsid "$@" "$folder" &  # a process group of its own, as a terminal's foreground job has
  mpirun=$!
  wait_while 600 "$ranks workers did not start within 60 s" workers_missing
  pids=$(cat "$folder"/*.pid)
  if [ "$target" = mpirun ]; then kill -INT "$mpirun"; else kill -INT -"$mpirun"; fi
  wait_while 300 "mpirun still running 30 s after SIGINT" kill -0 "$mpirun"
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
