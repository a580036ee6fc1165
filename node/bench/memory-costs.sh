#!/usr/bin/env bash
# Heap per persistent offline session and per subscription on one node (docs/scaling.md).
# Starts ./murmur on free loopback ports with a fresh H2 journal, then measures heap after a
# full GC: (1) SESSIONS persistent sessions whose clients connected once and left (MQTT 5,
# session expiry 1 h); (2) FILTERS unique subscriptions held by 10 connected clients (this
# includes their route-index entries: node/bench/route-index.sh measures those alone on the
# nodes that hold no subscriber). Not a test; loopback only.
#   node/bench/memory-costs.sh
#   SESSIONS=20000 FILTERS=200000 node/bench/memory-costs.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
SESSIONS=${SESSIONS:-10000}
FILTERS=${FILTERS:-100000}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
admin=$(free_port)
dir=$(mktemp -d /tmp/murmur-memory.XXXX)
cat > "$dir/node.conf" <<CONF
include file("$root/config/murmur.conf")
murmur.listeners = [{ name = "bench", kind = "tcp", host = "127.0.0.1", port = $port }]
murmur.admin.port = $admin
murmur.sys.enabled = off
murmur.persistence.h2.path = "$dir/journal"
pekko.remote.artery.canonical.port = 0
CONF
MURMUR_HEAP=${HEAP:-3g} ./murmur --config "$dir/node.conf" > "$dir/node.log" 2>&1 &
launcher=$!
sub=""
cleanup() { [ -n "$sub" ] && kill "$sub" 2>/dev/null || true; kill "$launcher" 2>/dev/null || true; wait "$launcher" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do grep -q node_started "$dir/node.log" && break; sleep 1; done
pid=$(pgrep -f "dev.murmur.node.Main --config $dir/node.conf" | head -1)
heap_kib() {
  jcmd "$pid" GC.run > /dev/null; sleep 1; jcmd "$pid" GC.run > /dev/null
  jcmd "$pid" GC.heap_info | awk '/garbage-first heap/ { for (i=1;i<=NF;i++) if ($i=="used") { v=$(i+1); sub(/K,?/,"",v); print v; exit } }'
}
metric() { curl -s "http://127.0.0.1:$admin/metrics" | awk -v m="$1" '$1==m {printf "%d", $2}'; }

./murmur-load connections -p "$port" -n 200 -d 2s --no-progress > /dev/null 2>&1 || true  # warm-up
base=$(heap_kib)
./murmur-load connections -p "$port" -n "$SESSIONS" -d 5s --connect-rate 3000 --clean-start false \
  --session-expiry 3600 --client-id-prefix mem- --no-progress > "$dir/sessions.out" 2>&1
for _ in $(seq 1 60); do [ "$(metric murmur_connections)" = 0 ] && break; sleep 1; done
after=$(heap_kib)
echo "persistent offline sessions: $(metric murmur_sessions_persistent) heap $((base / 1024)) MiB -> $((after / 1024)) MiB: $(( (after - base) * 1024 / SESSIONS )) bytes per session"

base=$after
python3 node/bench/subscribe_many.py --brokers "127.0.0.1:$port" --clients 10 --filters "$FILTERS" \
  < <(sleep 100000) > "$dir/subscribe.out" 2>&1 &
sub=$!
for _ in $(seq 1 1800); do grep -q subscribed "$dir/subscribe.out" && break; kill -0 "$sub" || break; sleep 1; done
after=$(heap_kib)
echo "subscriptions: $(metric murmur_subscriptions) ($(cat "$dir/subscribe.out")) heap $((base / 1024)) MiB -> $((after / 1024)) MiB: $(( (after - base) * 1024 / FILTERS )) bytes per subscription incl. its route entry"
