#!/usr/bin/env bash
# Build leaky-service and loadgen, drive load on a loopback port, and capture
# profiles into profiles/:
#   heap.0.pb.gz .. heap.3.pb.gz  /debug/pprof/heap?gc=1 after N1..N4 requests
#   cpu.pb.gz                     /debug/pprof/profile?seconds=2 under load
#   allocs.pb.gz                  /debug/pprof/allocs at the end
# Everything it starts is stopped on exit (trap), and the service also stops by
# itself (-max-requests, -max-duration) should this script be killed.
set -euo pipefail
cd "$(dirname "$0")"

N=(${N1:-200} ${N2:-500} ${N3:-1000} ${N4:-2000}) # cumulative request counts
CPU_REQUESTS=${CPU_REQUESTS:-800}                   # sent at 400/s while the CPU profile runs

TMP=$(mktemp -d)
PID=""
cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# No -trimpath: profiles keep this machine's absolute source paths, like most
# real builds, which is what source path mapping has to cope with.
export GOFLAGS=""
go build -o "$TMP/leaky-service" .
go build -o "$TMP/loadgen" ./loadgen

"$TMP/leaky-service" -addr 127.0.0.1:0 -max-requests 100000 -max-duration 2m >"$TMP/service.log" 2>&1 &
PID=$!
BASE=""
for _ in $(seq 100); do
  BASE=$(sed -n 's/^listening on \(http:\/\/.*\)$/\1/p' "$TMP/service.log")
  [[ -n "$BASE" ]] && break
  kill -0 "$PID" 2>/dev/null || { cat "$TMP/service.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$BASE" ]] || { echo "service did not start" >&2; cat "$TMP/service.log" >&2; exit 1; }
echo "service at $BASE (pid $PID)"

mkdir -p profiles
sent=0
for i in 0 1 2 3; do
  "$TMP/loadgen" -url "$BASE/work" -n $((N[i] - sent)) -c 4
  sent=${N[i]}
  curl -sSf -o "profiles/heap.$i.pb.gz" "$BASE/debug/pprof/heap?gc=1"
  echo "heap.$i.pb.gz after $sent requests"
done

curl -sSf -o profiles/cpu.pb.gz "$BASE/debug/pprof/profile?seconds=2" &
CPU_PID=$!
"$TMP/loadgen" -url "$BASE/work" -n "$CPU_REQUESTS" -rate 400 -c 4
wait "$CPU_PID"
echo "cpu.pb.gz"

curl -sSf -o profiles/allocs.pb.gz "$BASE/debug/pprof/allocs"
echo "allocs.pb.gz"

kill "$PID"
wait "$PID" || true
PID=""
ls -l profiles
