#!/usr/bin/env bash
# Builds the load-test module (with the modules it needs) and runs JMH benchmarks from it.
#
#   load-test/bench/jmh.sh                                   # every benchmark, defaults below
#   load-test/bench/jmh.sh TrieMatchBenchmark                # one class (a regex, as JMH takes it)
#   load-test/bench/jmh.sh -p filters=1000000 'TrieMatchBenchmark.match'
#   load-test/bench/jmh.sh -prof gc -rf json -rff /tmp/codec.json CodecBenchmark
#   JMH_SKIP_BUILD=1 load-test/bench/jmh.sh -l             # no rebuild; list benchmarks
#
# Defaults suit a small (2-core) machine: 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement. Any of
# -f, -wi, -w, -i, -r given on the command line replaces its default. JAVA_OPTS go to the JMH
# harness JVM (the forked benchmark JVMs take -jvmArgsAppend instead).
set -euo pipefail

cd "$(dirname "$0")/../.."

if [[ "${JMH_SKIP_BUILD:-0}" != "1" ]]; then
  mvn -B -q -DskipTests -pl load-test -am package
fi

declare -A defaults=([-f]=1 [-wi]=3 [-w]=1s [-i]=5 [-r]=1s)
args=()
for flag in "${!defaults[@]}"; do
  given=0
  for arg in "$@"; do
    [[ "$arg" == "$flag" ]] && given=1
  done
  if [[ $given == 0 ]]; then
    args+=("$flag" "${defaults[$flag]}")
  fi
done

# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "load-test/target/classes:load-test/target/lib/*" org.openjdk.jmh.Main "${args[@]}" "$@"
