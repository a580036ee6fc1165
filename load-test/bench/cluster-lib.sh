# Sourced by the cluster benchmark scripts (cluster-hold.sh, cluster-vs-node.sh,
# node/bench/route-index.sh): start a `./murmur local-cluster` in the background and wait until
# it can take load, read its state file, stop it. Run from the repository root.

# start_cluster DIR NODES [local-cluster options...]: starts the cluster (CLUSTER_PID, CLUSTER_DIR),
# waits for its "cluster up" line, then until every node holds its share of shards: a clean
# session on a shard that moves is disconnected (0x89) and starts afresh, which would count as loss.
start_cluster() {
  CLUSTER_DIR=$1
  local nodes=$2
  shift 2
  ./murmur local-cluster --nodes "$nodes" --free-ports --no-restart --dir "$CLUSTER_DIR" "$@" \
    > "$CLUSTER_DIR/launcher.out" 2>&1 &
  CLUSTER_PID=$!
  for _ in $(seq 1 300); do grep -q "cluster up" "$CLUSTER_DIR/launcher.out" && break; sleep 1; done
  if ! grep -q "cluster up" "$CLUSTER_DIR/launcher.out"; then
    cat "$CLUSTER_DIR/launcher.out"
    echo "cluster did not come up" >&2
    return 1
  fi
  for _ in $(seq 1 120); do
    curl -s "http://$(prop node.1.admin)/api/v1/cluster" | python3 -c '
import json, sys
m = json.load(sys.stdin)["members"]; s = [x.get("shards", 0) for x in m]
sys.exit(0 if len(m) == int(sys.argv[1]) and max(s) - min(s) <= 1 else 1)' "$nodes" && break
    sleep 1
  done
}

# prop KEY: a value of the running cluster's state file (node.N.pid, node.N.mqtt, node.N.admin, ...).
prop() { grep "^$1=" "$CLUSTER_DIR/cluster.properties" | cut -d= -f2-; }

# stop_cluster: Ctrl-C for the launcher (it stops its nodes and PostgreSQL).
stop_cluster() {
  [ -n "${CLUSTER_PID:-}" ] || return 0
  kill "$CLUSTER_PID" 2>/dev/null || true
  wait "$CLUSTER_PID" 2>/dev/null || true
  CLUSTER_PID=""
}
