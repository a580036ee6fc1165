/**
 * JMH benchmarks (not tests) of the protocol module: topic matching in {@code TopicTrie} and our
 * MQTT codec against Netty's codec-mqtt on the same bytes. Run them with {@code load-test/bench/jmh.sh};
 * results and method live in docs/benchmarks.md.
 */
package dev.murmur.load.bench;
