#!/usr/bin/env bash
# Heap per idle connection, including its session: start ./murmur on a free loopback port,
# measure the heap after a full GC, open N idle MQTT connections with ./murmur-load, measure
# again. Prints the per-connection figure; the benchmark is not a test (docs/benchmarks.md).
#   load-test/bench/idle-memory.sh            # 15 000 connections, MQTT 5
#   N=5000 VERSION=3.1.1 load-test/bench/idle-memory.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
N=${N:-15000}
VERSION=${VERSION:-5}
HEAP=${HEAP:-2g}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
conf=$(mktemp --suffix=.conf)
log=$(mktemp)
cat > "$conf" <<CONF
include file("$root/config/murmur.conf")
murmur.listeners = [{ name = "bench", kind = "tcp", host = "127.0.0.1", port = $port }]
murmur.sys.enabled = off
pekko.remote.artery.canonical.port = 0
CONF
MURMUR_HEAP=$HEAP ./murmur --config "$conf" > "$log" 2>&1 &
launcher=$!
cleanup() { kill "$launcher" 2>/dev/null || true; wait "$launcher" 2>/dev/null || true; rm -f "$conf" "$log"; }
trap cleanup EXIT
for _ in $(seq 1 120); do grep -q listener_bound "$log" && break; sleep 1; done
pid=$(pgrep -f "dev.murmur.node.Main --config $conf" | head -1)

heap_used_kib() {
  jcmd "$pid" GC.run > /dev/null
  sleep 2
  jcmd "$pid" GC.run > /dev/null
  jcmd "$pid" GC.heap_info | awk '/garbage-first heap|PSYoungGen|def new generation/ { for (i=1;i<=NF;i++) if ($i=="used") { v=$(i+1); sub(/K,?/,"",v); print v; exit } }'
}

# Warm the code paths with a few connections first so the baseline includes loaded classes.
./murmur-load connections -p "$port" -n 200 -d 3s --mqtt-version "$VERSION" --no-progress > /dev/null 2>&1 || true
sleep 2
base=$(heap_used_kib)
rss_base=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)

hold=$(( N / 2000 + 60 ))
./murmur-load connections -p "$port" -n "$N" -d "${hold}s" --connect-rate 5000 --mqtt-version "$VERSION" \
  --no-progress > /tmp/idle-memory-load.log 2>&1 &
load=$!
for _ in $(seq 1 $((hold - 5))); do
  est=$(ss -Htn state established "( sport = :$port )" | wc -l)
  [ "$est" -ge "$N" ] && break
  sleep 1
done
sleep 5
used=$(heap_used_kib)
rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
est=$(ss -Htn state established "( sport = :$port )" | wc -l)
kill "$load" 2>/dev/null || true
wait "$load" 2>/dev/null || true

awk -v b="$base" -v u="$used" -v n="$est" -v rb="$rss_base" -v r="$rss" -v v="$VERSION" 'BEGIN {
  printf "connections held: %d (MQTT %s, idle, clean sessions)\n", n, v;
  printf "heap after full GC: %.1f MiB -> %.1f MiB\n", b/1024, u/1024;
  printf "heap per connection (incl. session): %.2f KiB\n", (u-b)/n;
  printf "RSS: %.1f MiB -> %.1f MiB (%.2f KiB per connection)\n", rb/1024, r/1024, (r-rb)/n;
}'
