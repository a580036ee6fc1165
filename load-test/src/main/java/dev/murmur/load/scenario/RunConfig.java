package dev.murmur.load.scenario;

import dev.murmur.load.client.ClientOptions;
import dev.murmur.load.client.TransportOptions;
import dev.murmur.protocol.QoS;
import java.time.Duration;
import java.util.List;

/**
 * Everything one run needs, validated. Built by the CLI (or by tests) and never changed.
 *
 * @param scenario         subcommand name: connections, fan-in, fan-out, pairs, shared, retained, persistent
 * @param transport        where and how to connect
 * @param client           what each client says in CONNECT
 * @param qos              publish QoS levels, assigned to publishers round-robin
 * @param payloadSize      bytes per message (at least the verifier's header)
 * @param ratePerPublisher messages per second per publisher; 0 = as fast as flow control allows
 * @param warmup           traffic before measuring (verified, not timed)
 * @param duration         measured traffic (connections: how long to hold them)
 * @param drain            longest wait for in-flight messages after publishing stops
 * @param maxMessages      hard cap on messages published in the run
 * @param connectRate      new connections per second
 * @param maxConnecting    connections awaiting CONNACK at once
 * @param publishers       publishing clients (retained: clients that set the retained topics)
 * @param subscribers      subscribing clients
 * @param groups           shared-subscription groups
 * @param topics           retained topics
 * @param connections      connections to open (connections scenario)
 * @param topicPrefix      first topic levels of every topic this run uses
 * @param clientIdPrefix   prefix of every client identifier
 * @param reconnectEvery   persistent: each subscriber goes offline this often
 * @param offlineFor       persistent: and stays offline this long
 * @param targetPid        broker process to sample RSS and CPU of, or null
 * @param progress         print a live progress line on stderr
 */
public record RunConfig(String scenario, TransportOptions transport, ClientOptions client, List<QoS> qos,
                        int payloadSize, double ratePerPublisher, Duration warmup, Duration duration, Duration drain,
                        long maxMessages, double connectRate, int maxConnecting, int publishers, int subscribers,
                        int groups, int topics, int connections, String topicPrefix, String clientIdPrefix,
                        Duration reconnectEvery, Duration offlineFor, Integer targetPid, boolean progress) {

    /** No run may last longer than a day, whatever the options say. */
    public static final Duration MAX_DURATION = Duration.ofHours(24);
    /** Nor publish more than a billion messages. */
    public static final long MAX_MESSAGES = 1_000_000_000L;

    public RunConfig {
        qos = List.copyOf(qos);
        if (qos.isEmpty()) {
            throw new IllegalArgumentException("at least one QoS level");
        }
        requireBetween("payload size", payloadSize, 0, 256 * 1024 * 1024);
        if (ratePerPublisher < 0) {
            throw new IllegalArgumentException("rate must not be negative");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be > 0 and at most " + MAX_DURATION);
        }
        if (warmup.isNegative() || drain.isNegative() || warmup.plus(duration).plus(drain).compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("warm-up + duration + drain must be at most " + MAX_DURATION);
        }
        requireBetween("max messages", maxMessages, 1, MAX_MESSAGES);
        if (connectRate <= 0) {
            throw new IllegalArgumentException("connect rate must be > 0");
        }
        requireBetween("max connecting", maxConnecting, 1, 1_000_000);
        requireBetween("publishers", publishers, 0, 1_000_000);
        requireBetween("subscribers", subscribers, 0, 1_000_000);
        requireBetween("groups", groups, 1, 10_000);
        requireBetween("topics", topics, 1, 1_000_000);
        requireBetween("connections", connections, 0, 10_000_000);
        if (topicPrefix.isEmpty() || topicPrefix.contains("+") || topicPrefix.contains("#")) {
            throw new IllegalArgumentException("topic prefix must be a non-empty topic name without wildcards");
        }
    }

    private static void requireBetween(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", was " + value);
        }
    }

    /** The highest publish QoS, which subscribers ask for. */
    public QoS maxQos() {
        return qos.stream().max(Enum::compareTo).orElseThrow();
    }

    /** The publish QoS of publisher {@code i}. */
    public QoS qosOf(int i) {
        return qos.get(i % qos.size());
    }

    /** The latest moment a run may end, counted from its start: nothing runs unbounded. */
    public Duration hardLimit() {
        double connectSeconds = (publishers + subscribers + connections) / connectRate;
        return warmup.plus(duration).plus(drain).plus(transport.connectTimeout().multipliedBy(2))
                .plus(client.connackTimeout()).plus(Duration.ofMillis((long) (connectSeconds * 2_000)))
                .plus(Duration.ofSeconds(30));
    }
}
