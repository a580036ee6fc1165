package dev.murmur.node.sys;

import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.routing.PublishRouter;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.property.Properties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Publishes broker statistics as retained `$SYS/broker/...` messages every interval. */
public final class SysPublisher {
    private static final String PREFIX = "$SYS/broker/";
    private static final String PUBLISHER = "$SYS";

    private enum Tick { INSTANCE }

    private SysPublisher() {
    }

    public static Behavior<Object> create(PublishRouter router, BrokerMetrics metrics, String version,
                                          Duration interval) {
        return Behaviors.withTimers(timers -> {
            timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ZERO, interval);
            return Behaviors.receiveMessage(msg -> {
                publishAll(router, metrics, version);
                return Behaviors.same();
            });
        });
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

    private static void publish(PublishRouter router, String topic, Object value) {
        router.route(new RoutedMessage(PREFIX + topic, String.valueOf(value).getBytes(StandardCharsets.UTF_8),
                QoS.AT_MOST_ONCE, true, Properties.EMPTY, PUBLISHER, System.currentTimeMillis()));
    }
}
