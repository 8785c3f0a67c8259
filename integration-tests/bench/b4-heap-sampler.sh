#!/bin/sh
# Samples the B4 bench host while it runs: every INTERVAL seconds, the live heap by class
# (jcmd GC.class_histogram, which runs a full GC first) and the process's peak RSS (VmHWM).
# Usage: integration-tests/bench/b4-heap-sampler.sh OUT_DIR [INTERVAL_SECONDS [DUMP_AT_SAMPLE]]
# With DUMP_AT_SAMPLE, that sample also writes a heap dump (live objects) to OUT_DIR/host.hprof.
# Start it just before the benchmark; it waits for the host (BenchHostMain) and stops when it exits.
out=${1:?output directory}
interval=${2:-20}
dump_at=${3:-0}
mkdir -p "$out"
while :; do
  pid=$(jps -l | awk '/BenchHostMain/ {print $1; exit}')
  [ -n "$pid" ] && break
  sleep 1
done
echo "host pid $pid" > "$out/summary.txt"
n=0
while kill -0 "$pid" 2>/dev/null; do
  sleep "$interval"
  n=$((n + 1))
  t=$(date +%H:%M:%S)
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null)
  jcmd "$pid" GC.class_histogram > "$out/histo-$n.txt" 2>/dev/null || break
  [ "$n" = "$dump_at" ] && jcmd "$pid" GC.heap_dump "$(realpath "$out")/host.hprof" > /dev/null 2>&1
  total=$(awk '/^Total/ {print $3}' "$out/histo-$n.txt")
  echo "$t sample $n live_bytes=$total vmhwm_kb=$hwm load=$(cut -d' ' -f1 /proc/loadavg)" >> "$out/summary.txt"
done
