#!/usr/bin/env bash
# TLS engine benchmark (JSSE vs OpenSSL/BoringSSL), server side, in memory. Usage:
#   node/tls-bench.sh [seconds-per-measurement]     results: docs/benchmarks.md, "TLS engines"
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -Dstyle.color=never -pl node -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$root/node/target/test-classpath.txt" -Dmdep.includeScope=test >/dev/null
exec java -Xmx1g -cp "node/target/test-classes:node/target/classes:$(cat node/target/test-classpath.txt)" \
  dev.murmur.node.tls.TlsEngineBenchmark "$@"
