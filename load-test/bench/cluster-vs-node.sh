#!/usr/bin/env bash
# The same workloads against a 3-node local cluster and a 1-node "cluster" (same launcher,
# same PostgreSQL journal, same machine, back to back) — docs/benchmarks.md. Each workload runs
# as one load-test process per node of the 3-node layout (process i talks to node
# ((i-1) mod nodes) + 1), so the client side is identical in both runs. Prints per run: msg/s
# sent and delivered (sum), worst p99 latency, verdicts, and the cluster messages per publish
# from the nodes' counters. Not a test; loopback only.
#   load-test/bench/cluster-vs-node.sh
#   DURATION=20s PAIRS=300 load-test/bench/cluster-vs-node.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
DURATION=${DURATION:-15s}
PAIRS=${PAIRS:-60}          # per process, 3 processes
RATE=${RATE:-0}             # per publisher; 0 = as fast as flow control allows
SUBSCRIBERS=${SUBSCRIBERS:-30}  # fan-out: per process, one publisher each
PROCS=3
source load-test/bench/cluster-lib.sh
trap stop_cluster EXIT

run_layout() {
  local nodes=$1 dir
  dir=$(mktemp -d /tmp/murmur-cvn.XXXX)
  start_cluster "$dir" "$nodes" --heap 1g --node-opt "murmur.sys.enabled=off"
  counters() {
    local total_routed=0 total_remote=0 total_env=0 i
    for i in $(seq 1 "$nodes"); do
      local m
      m=$(curl -s "http://$(prop "node.$i.admin")/metrics")
      total_routed=$((total_routed + $(echo "$m" | awk '$1 ~ /^murmur_messages_routed_total/ {s+=$2} END {printf "%d", s}')))
      total_env=$((total_env + $(echo "$m" | awk '$1 ~ /^murmur_route_envelopes_sent_total/ {s+=$2} END {printf "%d", s}')))
      total_remote=$((total_remote + $(echo "$m" | awk '$1 ~ /^murmur_hub_envelopes_remote_total/ {s+=$2} END {printf "%d", s}')))
    done
    echo "$total_routed $total_env $total_remote"
  }
  for workload in "pairs q0" "pairs q1" "fan-out q0" "fan-out q1"; do
    set -- $workload
    local kind=$1 qos=${2#q} pids=() before after
    before=$(counters)
    for p in $(seq 1 "$PROCS"); do
      local n=$(( (p - 1) % nodes + 1 )) mqtt
      mqtt=$(prop "node.$n.mqtt")
      if [ "$kind" = pairs ]; then
        args=(pairs -N "$PAIRS")
      else
        args=(fan-out -P 1 -S "$SUBSCRIBERS")
      fi
      ./murmur-load "${args[@]}" -q "$qos" -r "$RATE" -d "$DURATION" --host "${mqtt%:*}" -p "${mqtt##*:}" \
        --client-id-prefix "b$p-$kind-q$qos-" --no-progress --json "$dir/$kind-q$qos-$p.json" \
        > "$dir/$kind-q$qos-$p.out" 2>&1 &
      pids+=($!)
    done
    local ok=PASS
    for pid in "${pids[@]}"; do wait "$pid" || ok=FAIL; done
    after=$(counters)
    python3 - "$nodes" "$kind" "$qos" "$ok" "$before" "$after" "$dir"/"$kind-q$qos"-*.json <<'PY'
import json, sys
nodes, kind, qos, ok, before, after = sys.argv[1:7]
sent = delivered = 0.0; p99 = 0.0; lost = dup = 0
for f in sys.argv[7:]:
    r = json.load(open(f))
    sent += r.get("sentPerSecond", 0); delivered += r.get("deliveredPerSecond", 0)
    for q in r.get("qos", []):
        p99 = max(p99, (q.get("latencyMicros", {}).get("p99") or 0) / 1000)
        lost += q.get("lost", 0); dup += q.get("duplicated", 0)
b = list(map(int, before.split())); a = list(map(int, after.split()))
routed = a[0] - b[0]; env = a[1] - b[1]; remote = a[2] - b[2]
per = f"{env / routed:.2f} envelopes, {remote / routed:.2f} to other nodes" if routed else "n/a"
print(f"nodes={nodes} {kind} QoS {qos}: sent {sent:,.0f}/s delivered {delivered:,.0f}/s p99 {p99:.1f} ms "
      f"lost {lost} dup {dup} {ok}; per publish: {per}")
PY
  done
  stop_cluster
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $PROCS load processes; duration $DURATION"
run_layout 1
run_layout 3
