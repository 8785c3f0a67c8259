#!/bin/sh
# Starts the reference host from a dist directory in its own JVM (-Xmx256m, open policy, no
# plugins, a fresh data directory), runs clients/live-fanout.mjs against it, and stops it.
#
#   bench/live-fanout.sh DIST fanout --subscribers 1000 --events 100 --rate 20 --compression on
#   bench/live-fanout.sh DIST stream --events 5000 --rounds 3
#   bench/live-fanout.sh DIST browser --events 5000 --rounds 3   (headless chromium reads the stream)
#
# Extra relay settings come from the environment as usual (e.g. RELAY_WEBSOCKET_COMPRESSION=off);
# HOST_JAVA_OPTS is appended to the host's JVM options (e.g. a JFR recording:
# HOST_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/host.jfr,settings=profile").
# Run from integration-tests/ after `npm ci`.
set -e
dist=$1
mode=$2
shift 2
work=$(mktemp -d /tmp/live-fanout.XXXXXX)
port=${BENCH_PORT:-7790}
cat > "$work/relay.properties" <<EOF
relay.host=127.0.0.1
relay.port=$port
relay.data-dir=$work/data
relay.policy=open
relay.plugins=
relay.events-per-second=100000
EOF
JAVA_OPTS="-Xmx256m ${HOST_JAVA_OPTS:-}" "$dist/bin/grasp-relay" --config "$work/relay.properties" > "$work/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; wait $host 2>/dev/null; cp "$work/host.log" "${TMPDIR:-/tmp}/live-fanout-host.log"; rm -rf "$work"' EXIT
i=0
until grep -q "listening on" "$work/host.log"; do
  i=$((i + 1))
  if [ $i -gt 300 ] || ! kill -0 $host 2>/dev/null; then
    cat "$work/host.log" >&2
    exit 1
  fi
  sleep 0.1
done
node "$(dirname "$0")/../clients/live-fanout.mjs" "$mode" "ws://127.0.0.1:$port" --host-pid "$host" "$@"
