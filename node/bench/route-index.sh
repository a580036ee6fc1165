#!/usr/bin/env bash
# Route index at scale (docs/scaling.md): starts a local cluster, subscribes FILTERS unique
# filters spread over its nodes, and reports per node: heap after full GC before/after,
# subscriptions held, routes in the node's index copy, and the time until every node's copy
# held them all; then the SUBACK latency of single new subscriptions (each waits until every
# node acknowledged its route) at that index size. Not a test; loopback only.
#   node/bench/route-index.sh                      # 3 nodes, 1 000 000 filters
#   FILTERS=100000 KEYS=1024 node/bench/route-index.sh
# Options (environment): NODES, FILTERS, CLIENTS (subscribing connections, round-robin over the
# nodes; their sessions land on whichever nodes own their shards), BATCH (filters per SUBSCRIBE),
# WINDOW (SUBSCRIBEs in flight per client), HEAP (per node), KEYS (murmur.routing.route-index-keys),
# GOSSIP (murmur.routing.route-index-replicator.gossip-interval: each round of the route index's own
# replicator serializes every key changed since the last, O(routes written) in a burst),
# WRITE_TIMEOUT (murmur.routing.write-timeout: a peer that has not acknowledged a write within a
# fifth of it is sent the key's whole value).
# Prints the load average at start and end: the machine's other work slows rates, not bytes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
NODES=${NODES:-3}
FILTERS=${FILTERS:-1000000}
CLIENTS=${CLIENTS:-30}
BATCH=${BATCH:-100}
WINDOW=${WINDOW:-4}
HEAP=${HEAP:-4g}
KEYS=${KEYS:-}
GOSSIP=${GOSSIP:-}
WRITE_TIMEOUT=${WRITE_TIMEOUT:-}
dir=$(mktemp -d /tmp/murmur-route-bench.XXXX)
# A node starved of CPU (three nodes and the subscriber on two shared cores) sends its heartbeats
# late; this run measures the route index, not fail-over, so members tolerate long pauses.
opts=(--node-opt "murmur.sys.enabled=off"
      --node-opt "pekko.cluster.failure-detector.acceptable-heartbeat-pause=60s")
[ -n "$KEYS" ] && opts+=(--node-opt "murmur.routing.route-index-keys=$KEYS")
[ -n "$GOSSIP" ] && opts+=(--node-opt "murmur.routing.route-index-replicator.gossip-interval=$GOSSIP")
[ -n "$WRITE_TIMEOUT" ] && opts+=(--node-opt "murmur.routing.write-timeout=$WRITE_TIMEOUT")

source load-test/bench/cluster-lib.sh
sub=""
cleanup() {
  [ -n "$sub" ] && kill "$sub" 2>/dev/null || true
  stop_cluster
}
trap cleanup EXIT
start_cluster "$dir" "$NODES" --heap "$HEAP" "${opts[@]}"

heap_kib() {
  jcmd "$1" GC.run > /dev/null; sleep 1; jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | awk '/garbage-first heap/ { for (i=1;i<=NF;i++) if ($i=="used") { v=$(i+1); sub(/K,?/,"",v); print v; exit } }'
}
metric() { curl -s "http://$(prop "node.$1.admin")/metrics" | awk -v m="$2" '$1==m {printf "%d", $2}'; }
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

brokers=""
declare -A base
for i in $(seq 1 "$NODES"); do
  brokers="${brokers:+$brokers,}$(prop "node.$i.mqtt")"
  base[$i]=$(heap_kib "$(prop "node.$i.pid")")
done

# subscribe_many.py gives each client FILTERS/CLIENTS filters: that many in all, the rest dropped.
FILTERS=$(( FILTERS / CLIENTS * CLIENTS ))
start=$(date +%s.%N)
python3 node/bench/subscribe_many.py --brokers "$brokers" --clients "$CLIENTS" --filters "$FILTERS" \
  --batch "$BATCH" --window "$WINDOW" < <(sleep 100000) > "$dir/subscribe.out" 2>&1 &
sub=$!
declare -A reached
while :; do
  now=$(date +%s.%N)
  all=1
  for i in $(seq 1 "$NODES"); do
    if [ -z "${reached[$i]:-}" ]; then
      r=$(metric "$i" murmur_route_index_routes)
      if [ "${r:-0}" -ge "$FILTERS" ]; then reached[$i]=$(echo "$now - $start" | bc); else all=0; fi
    fi
  done
  [ "$all" = 1 ] && break
  kill -0 "$sub" 2>/dev/null || { cat "$dir/subscribe.out"; echo "subscriber failed" >&2; exit 1; }
  sleep 1
done
for _ in $(seq 1 600); do grep -q subscribed "$dir/subscribe.out" && break; sleep 1; done
echo "nodes=$NODES filters=$FILTERS clients=$CLIENTS batch=$BATCH window=$WINDOW keys=${KEYS:-default} gossip=${GOSSIP:-default} write_timeout=${WRITE_TIMEOUT:-default} heap=$HEAP"
echo "subscribe: $(cat "$dir/subscribe.out")"
# Both clocks start within milliseconds of each other: a node complete before the last SUBACK
# shows a negative lag (poll granularity: 1 s).
sub_s=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$dir/subscribe.out")
for i in $(seq 1 "$NODES"); do
  pid=$(prop "node.$i.pid")
  used=$(heap_kib "$pid")
  subs=$(metric "$i" murmur_subscriptions)
  routes=$(metric "$i" murmur_route_index_routes)
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  timeouts=$(metric "$i" murmur_route_write_timeouts_total)
  incomplete=$(find "$dir" -name "node-$i.log" -exec cat {} + | grep -c "route_sync_incomplete" || true)
  echo "node-$i heap_before_kib=${base[$i]} heap_after_kib=$used delta_bytes_per_filter=$(( (used - base[$i]) * 1024 / FILTERS )) subscriptions=$subs routes=$routes all_routes_after_s=${reached[$i]} lag_after_last_suback_s=$(echo "${reached[$i]} - ${sub_s:-0}" | bc) route_write_timeouts=${timeouts:-0} route_sync_incomplete_logged=$incomplete rss_mib=$((rss / 1024))"
done
echo "load average: start $load_start, end $(cut -d' ' -f1-3 /proc/loadavg)"
# One more subscription at a time at this index size: its SUBACK waits for every node's ack.
python3 node/bench/subscribe_many.py --brokers "$(prop node.1.mqtt)" --clients 1 --filters 200 --batch 1 --window 1 \
  --prefix probe < /dev/null | sed 's/^/single-filter subscribe: /'
