#!/usr/bin/env bash
# Runs the same scenario set against Murmur (./murmur) and Mosquitto, one broker after the
# other, each on its own free loopback port, and writes a side-by-side table (delivered msg/s,
# p99 latency, peak RSS, CPU seconds per 100k deliveries) into docs/benchmarks.md between the
# compare markers, so the table can be regenerated.
#
#   load-test/bench/compare.sh                   # 10 s measured per scenario
#   DURATION=5s WARMUP=1s load-test/bench/compare.sh
#   BROKERS="mosquitto" load-test/bench/compare.sh   # one broker only
#   NO_DOCS=1 load-test/bench/compare.sh         # print the table, leave docs/ alone
#   MURMUR_LOAD="java -cp ... dev.murmur.load.LoadMain" ...   # another build of the load tester
#
# RSS and CPU come from /proc/PID of the broker, sampled by murmur-load --pid once a second.
# Mosquitto is installed with apt-get when missing (needs root). Murmur is skipped with a
# message when the node cannot be built or started yet.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-2s}"
BROKERS="${BROKERS:-murmur mosquitto}"
MURMUR_LOAD="${MURMUR_LOAD:-./murmur-load}"
DOC="${DOC:-docs/benchmarks.md}"
work="$(mktemp -d /tmp/murmur-compare.XXXXXX)"
broker_pid=""

# name | murmur-load arguments (target options are added per broker)
# Paced runs first; the unpaced one, which may overload a broker, last.
SCENARIOS=(
  "fan-in QoS 1, 10 → 1, 1000 msg/s each|fan-in -P 10 -S 1 -q 1 -r 1000"
  "fan-out QoS 0, 1 → 100, 100 msg/s|fan-out -P 1 -S 100 -q 0 -r 100"
  "fan-out QoS 1, 1 → 100, 100 msg/s|fan-out -P 1 -S 100 -q 1 -r 100"
  "pairs QoS 0, 100 pairs, 50 msg/s each|pairs -N 100 -q 0 -r 50"
  "pairs QoS 1, 100 pairs, 50 msg/s each|pairs -N 100 -q 1 -r 50"
  "pairs QoS 1, 20 pairs, unpaced|pairs -N 20 -q 1 -r 0"
  "fan-in QoS 0, 10 → 1, unpaced|fan-in -P 10 -S 1 -q 0 -r 0"
)

cleanup() {
  if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
    kill "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  echo "compare.sh: no free port found" >&2
  exit 1
}

wait_listening() { # port seconds
  local deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$broker_pid" 2>/dev/null; then
      return 1
    fi
    sleep 0.5
  done
  return 1
}

cpu_ticks() { # pid -> utime + stime in clock ticks
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# A broker still working off the previous scenario's backlog would spoil the next one: wait
# (at most 30 s) until it spends under 5 % of a core.
settle() { # pid
  local before after
  for _ in $(seq 1 30); do
    before="$(cpu_ticks "$1")"
    sleep 1
    after="$(cpu_ticks "$1")"
    if [ $((after - before)) -lt 5 ]; then
      return 0
    fi
  done
  echo "compare.sh: broker still busy after 30 s; going on" >&2
}

need_tool() { # command package
  if ! command -v "$1" >/dev/null; then
    echo "compare.sh: installing $2 (apt-get)..." >&2
    { apt-get update -qq && apt-get install -y -qq "$2"; } >/dev/null
  fi
}

start_murmur() { # port
  if ! ./murmur --help >"$work/murmur-build.log" 2>&1; then
    echo "compare.sh: skipping Murmur: the node does not build or start yet (see $work/murmur-build.log)" >&2
    return 1
  fi
  cat >"$work/murmur.conf" <<CONF
include file("$root/config/murmur.conf")
murmur.listeners = [{ name = "compare", kind = "tcp", host = "127.0.0.1", port = $1 }]
murmur.sys.enabled = off
pekko.remote.artery.canonical.port = 0
pekko.loglevel = "WARNING"
CONF
  ./murmur --config "$work/murmur.conf" >>"$work/murmur.log" 2>&1 &
  broker_pid=$!
}

start_mosquitto() { # port
  need_tool mosquitto mosquitto
  # Equivalent to Murmur's defaults: in memory only, anonymous, 32 in flight, 1000 queued.
  cat >"$work/mosquitto.conf" <<CONF
listener $1 127.0.0.1
allow_anonymous true
persistence false
max_inflight_messages 32
max_queued_messages 1000
log_dest stderr
log_type error
CONF
  mosquitto -c "$work/mosquitto.conf" >>"$work/mosquitto.log" 2>&1 &
  broker_pid=$!
}

need_tool jq jq
echo "compare.sh: building the load tester..." >&2
$MURMUR_LOAD --version >/dev/null

for broker in $BROKERS; do
  port="$(free_port)"
  broker_pid=""
  if ! "start_$broker" "$port"; then
    continue
  fi
  if ! wait_listening "$port" 120; then
    echo "compare.sh: skipping $broker: it did not listen on 127.0.0.1:$port (see $work/$broker.log)" >&2
    cleanup
    broker_pid=""
    continue
  fi
  version="$broker"
  if [ "$broker" = murmur ]; then
    version="murmur $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  fi
  if [ "$broker" = mosquitto ]; then
    version="mosquitto $( (mosquitto -h 2>/dev/null || true) | sed -n 's/^mosquitto version \([^ ]*\).*/\1/p' | head -1)"
  fi
  echo "$version" >"$work/$broker.version"
  i=0
  for entry in "${SCENARIOS[@]}"; do
    args="${entry#*|}"
    if ! kill -0 "$broker_pid" 2>/dev/null; then
      # One crash must not spoil the remaining scenarios: note it and start the broker again.
      echo "compare.sh: $broker exited; restarting it" >&2
      "start_$broker" "$port" && wait_listening "$port" 120 || true
    fi
    settle "$broker_pid"
    echo "compare.sh: $broker: ${entry%%|*}" >&2
    # shellcheck disable=SC2086
    $MURMUR_LOAD $args -p "$port" -d "$DURATION" -w "$WARMUP" --pid "$broker_pid" --no-progress \
      --json "$work/$broker-$i.json" >"$work/$broker-$i.txt" 2>&1 || true
    sleep 1
    if ! kill -0 "$broker_pid" 2>/dev/null; then
      echo "$broker exited during this run: $(grep -v '^\s*$' "$work/$broker.log" | tail -1 | cut -c1-160)" \
        >"$work/$broker-$i.note"
      cat "$work/$broker-$i.note" >&2
    fi
    i=$((i + 1))
  done
  awk '/VmHWM/ {print $2 * 1024}' "/proc/$broker_pid/status" >"$work/$broker.hwm" 2>/dev/null || true
  cleanup
  broker_pid=""
done

cell() { # json-file jq-expression
  if [ -f "$1" ]; then jq -r "$2" "$1"; else echo "—"; fi
}

table="$work/table.md"
{
  echo "Generated by \`load-test/bench/compare.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(uname -r));"
  echo "each scenario: ${WARMUP} warm-up, ${DURATION} measured, load tester and broker on the same machine."
  printf 'Brokers:'
  for broker in $BROKERS; do
    if [ -f "$work/$broker.version" ]; then printf ' %s;' "$(cat "$work/$broker.version")"; else printf ' %s (not run);' "$broker"; fi
  done
  echo
  echo
  printf '| scenario |'
  for broker in $BROKERS; do printf ' %s msg/s | %s p99 | %s peak RSS | %s CPU s/100k |' "$broker" "$broker" "$broker" "$broker"; done
  echo
  printf '|---|'
  for _ in $BROKERS; do printf -- '---:|---:|---:|---:|'; done
  echo
  i=0
  for entry in "${SCENARIOS[@]}"; do
    printf '| %s |' "${entry%%|*}"
    for broker in $BROKERS; do
      f="$work/$broker-$i.json"
      printf ' %s | %s | %s | %s |' \
        "$(cell "$f" '"\(.deliveredPerSecond | floor)" + (if .passed then "" else " ⚠" end)')" \
        "$(cell "$f" '([.qos[].latencyMicros.p99] | max // 0) as $p | if $p >= 1000 then "\($p / 1000 * 100 | floor / 100) ms" else "\($p | floor) µs" end')" \
        "$(cell "$f" 'if .target then "\(.target.peakRssBytes / 1048576 | floor) MiB" else "—" end')" \
        "$(cell "$f" 'if .target then "\(.target.cpuSecondsPer100kDeliveries * 1000 | floor / 1000)" else "—" end')"
    done
    echo
    i=$((i + 1))
  done
  echo
  echo "Verdicts (lost / duplicated / out of order per run; QoS 0 loss is allowed; ⚠ = the run failed its verdict):"
  echo
  i=0
  for entry in "${SCENARIOS[@]}"; do
    for broker in $BROKERS; do
      f="$work/$broker-$i.json"
      [ -f "$f" ] || continue
      note=""
      if [ -f "$work/$broker-$i.note" ]; then note=" — $(cat "$work/$broker-$i.note")"; fi
      echo "- ${entry%%|*} on $broker: $(jq -r '[.qos[] | "QoS \(.qos) lost \(.lost), dup \(.duplicated), ooo \(.outOfOrder)"] | join("; ")' "$f")$(jq -r 'if .passed then "" else " — FAILED: " + ((.failures + .errors) | join("; ")) end' "$f")$note"
    done
    i=$((i + 1))
  done
  echo
  echo "Commands (each with \`-p PORT -d $DURATION -w $WARMUP --pid BROKER_PID --json FILE\`):"
  echo
  for entry in "${SCENARIOS[@]}"; do echo "    ./murmur-load ${entry#*|}"; done
} >"$table"

cat "$table"
if [ -z "${NO_DOCS:-}" ]; then
  begin='<!-- compare:begin (generated by load-test/bench/compare.sh; do not edit by hand) -->'
  end='<!-- compare:end -->'
  if [ ! -f "$DOC" ] || ! grep -q 'compare:begin' "$DOC"; then
    mkdir -p "$(dirname "$DOC")"
    { echo; echo "## Murmur vs Mosquitto (load-test/bench/compare.sh)"; echo; echo "$begin"; echo "$end"; } >>"$DOC"
  fi
  awk -v table="$table" '
    /compare:begin/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
    /compare:end/ { skip = 0 }
    !skip { print }
  ' "$DOC" >"$work/doc.md"
  cp "$work/doc.md" "$DOC"
  echo "compare.sh: table written to $DOC (raw reports in $work)" >&2
fi
