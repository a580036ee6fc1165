package dev.murmur.node.sys;

import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.routing.PublishRouter;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.property.Properties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;

/**
 * Publishes broker statistics as retained `$SYS/broker/...` messages every interval: this node's
 * (as always), the same counts under {@code nodes/<node-name>/}, and — from the cluster leader —
 * cluster-wide totals under {@code cluster/} (issue 10).
 */
public final class SysPublisher {
    private static final String PREFIX = "$SYS/broker/";
    private static final String PUBLISHER = "$SYS";

    private enum Tick { INSTANCE }

    private SysPublisher() {
    }

    public static Behavior<Object> create(PublishRouter router, BrokerMetrics metrics, String version,
                                          Duration interval) {
        return create(router, metrics, version, interval, "murmur");
    }

    /** {@code nodeName}: this node's name in {@code $SYS/broker/nodes/<name>/...}. */
    public static Behavior<Object> create(PublishRouter router, BrokerMetrics metrics, String version,
                                          Duration interval, String nodeName) {
        String node = topicLevel(nodeName);
        return Behaviors.setup(ctx -> DistributedData.<Object, LWWMap<String, NodeCounts>>withReplicatorMessageAdapter(
                replicator -> Behaviors.withTimers(timers -> {
                    ClusterCounts cluster = new ClusterCounts(ctx, replicator);
                    timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ZERO, interval);
                    return Behaviors.receiveMessage(msg -> {
                        if (msg == Tick.INSTANCE) {
                            publishAll(router, metrics, version);
                            NodeCounts mine = countsOf(node, metrics);
                            cluster.report(mine);
                            publishNode(router, mine);
                            if (cluster.isLeader()) {
                                publishCluster(router, cluster.live(mine, System.currentTimeMillis(),
                                        interval.toMillis()));
                            }
                        } else if (msg instanceof ClusterCounts.Changed c) {
                            cluster.changed(c);
                        }
                        return Behaviors.same();
                    });
                })));
    }

    static void publishAll(PublishRouter router, BrokerMetrics m, String version) {
        long uptimeSeconds = (System.currentTimeMillis() - m.startedAtMillis()) / 1000;
        publish(router, "version", "murmur " + version);
        publish(router, "uptime", uptimeSeconds + " seconds");
        publish(router, "clients/connected", m.connectionsCurrent().get());
        publish(router, "clients/total", m.get(Counter.CONNECTIONS_OPENED));
        publish(router, "messages/received", m.get(Counter.MESSAGES_RECEIVED));
        publish(router, "messages/sent", m.get(Counter.MESSAGES_DELIVERED));
        publish(router, "messages/dropped", m.get(Counter.MESSAGES_DROPPED_QUEUE_FULL)
                + m.get(Counter.MESSAGES_DROPPED_QOS0_OFFLINE) + m.get(Counter.MESSAGES_DROPPED_TOO_LARGE));
        publish(router, "bytes/received", m.get(Counter.BYTES_RECEIVED));
        publish(router, "bytes/sent", m.get(Counter.BYTES_SENT));
        publish(router, "subscriptions/count", m.subscriptionsCurrent().get());
        publish(router, "retained messages/count", m.retainedCurrent().get());
    }

    static NodeCounts countsOf(String node, BrokerMetrics m) {
        return new NodeCounts(node, m.connectionsCurrent().get(), m.get(Counter.MESSAGES_RECEIVED),
                m.get(Counter.MESSAGES_DELIVERED), System.currentTimeMillis());
    }

    private static void publishNode(PublishRouter router, NodeCounts mine) {
        String at = "nodes/" + mine.node() + "/";
        publish(router, at + "clients/connected", mine.clientsConnected());
        publish(router, at + "messages/received", mine.messagesReceived());
        publish(router, at + "messages/sent", mine.messagesSent());
    }

    /** Totals over the live members' reports; message counts are sums of counters since each node started. */
    private static void publishCluster(PublishRouter router, Map<String, NodeCounts> live) {
        NodeCounts total = ClusterCounts.total(live);
        publish(router, "cluster/nodes", live.size());
        publish(router, "cluster/clients/connected", total.clientsConnected());
        publish(router, "cluster/messages/received", total.messagesReceived());
        publish(router, "cluster/messages/sent", total.messagesSent());
    }

    /** A node name as one topic level: no separators or wildcards (MQTT-4.7.1-*), never empty. */
    static String topicLevel(String name) {
        String level = name.replaceAll("[/+#\\u0000]", "_");
        return level.isEmpty() ? "_" : level;
    }

    private static void publish(PublishRouter router, String topic, Object value) {
        router.route(new RoutedMessage(PREFIX + topic, String.valueOf(value).getBytes(StandardCharsets.UTF_8),
                QoS.AT_MOST_ONCE, true, Properties.EMPTY, PUBLISHER, System.currentTimeMillis()));
    }
}
