#!/usr/bin/env bash
# Hold test (docs/benchmarks.md): a 3-node local cluster holds CONNECTIONS connections (default
# 54 000: 18 000 per node, each node's share opened by two load-test processes, as a process may
# open at most 20 000 files) for DURATION (default 10m): per node PAIRS publisher/subscriber
# pairs (default 500) carry RATE QoS 1 messages per second in all (default 1 000), every one
# verified, and the rest of the node's share are idle MQTT connections (keep-alive pings only).
# Prints each process's verdict and each node's RSS (sampled every 30 s, max and at the end).
# Not a test; loopback only.
#   load-test/bench/cluster-hold.sh
#   CONNECTIONS=6000 DURATION=60s load-test/bench/cluster-hold.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
NODES=${NODES:-3}
CONNECTIONS=${CONNECTIONS:-54000}
DURATION=${DURATION:-10m}
RATE=${RATE:-1000}
HEAP=${HEAP:-1g}
PAIRS=${PAIRS:-500}
dir=$(mktemp -d /tmp/murmur-hold.XXXX)
pairs=$PAIRS
idle=$(( CONNECTIONS / NODES - 2 * PAIRS ))
rate=$(( RATE / NODES ))

source load-test/bench/cluster-lib.sh
loads=()
idle_loads=()
cleanup() {
  for p in "${loads[@]}" "${idle_loads[@]}"; do kill "$p" 2>/dev/null || true; done
  stop_cluster
}
trap cleanup EXIT
start_cluster "$dir" "$NODES" --heap "$HEAP"
echo "cluster up in $dir; per node $pairs pairs + $idle idle connections ($CONNECTIONS in all), $RATE msg/s QoS 1 for $DURATION"

for i in $(seq 1 "$NODES"); do
  mqtt=$(prop "node.$i.mqtt")
  ./murmur-load connections -n "$idle" -d "$DURATION" --host "${mqtt%:*}" -p "${mqtt##*:}" \
    --client-id-prefix "idle$i-" --connect-rate 300 --max-connecting 100 --connack-timeout 60s \
    --source-addresses 4 --no-progress --json "$dir/idle-$i.json" > "$dir/idle-$i.out" 2>&1 &
  idle_loads+=($!)
  ./murmur-load pairs -N "$pairs" -q 1 --total-rate "$rate" -d "$DURATION" --drain 30s \
    --host "${mqtt%:*}" -p "${mqtt##*:}" --client-id-prefix "hold$i-" --topic-prefix "hold/$i" \
    --connect-rate 100 --max-connecting 50 --connack-timeout 60s --source-addresses 4 --no-progress --json "$dir/hold-$i.json" > "$dir/hold-$i.out" 2>&1 &
  loads+=($!)
done

declare -A maxrss
while :; do
  running=0
  for p in "${loads[@]}" "${idle_loads[@]}"; do kill -0 "$p" 2>/dev/null && running=1; done
  line="$(date +%T)"
  for i in $(seq 1 "$NODES"); do
    pid=$(prop "node.$i.pid")
    rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo 0)
    conns=$(ss -Htn state established "( sport = :$(prop "node.$i.mqtt" | cut -d: -f2) )" | wc -l)
    [ "$rss" -gt "${maxrss[$i]:-0}" ] && maxrss[$i]=$rss
    line="$line node-$i: ${conns} conns ${rss} MiB"
  done
  echo "$line"
  [ "$running" = 0 ] && break
  sleep 30
done
status=0
for i in $(seq 1 "$NODES"); do
  wait "${loads[$((i - 1))]}" || status=1
  wait "${idle_loads[$((i - 1))]}" || status=1
  echo "--- node-$i: max RSS ${maxrss[$i]} MiB; pairs process:"
  tail -25 "$dir/hold-$i.out"
  echo "--- node-$i: idle connections process:"
  tail -8 "$dir/idle-$i.out"
done
exit $status
