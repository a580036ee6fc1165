package dev.murmur.node.admin;

import dev.murmur.node.config.AdminSettings;
import dev.murmur.node.config.NodeSettings;
import dev.murmur.node.connection.ConnectionRegistry;
import dev.murmur.node.edge.MqttListeners;
import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.retained.RetainedCommand;
import dev.murmur.node.routing.PublishRouter;
import dev.murmur.node.routing.RouteIndexCommand;
import java.util.List;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** What the admin listener reads and acts on; one per node, handed over by MurmurNode. */
public record AdminServices(ActorSystem<?> system, NodeSettings settings, AdminSettings admin, String version,
                            BrokerMetrics metrics, ConnectionRegistry connections, ClusterSharding sharding,
                            PublishRouter router, ActorRef<RetainedCommand> retained,
                            ActorRef<RouteIndexCommand> routeIndex, Supplier<List<MqttListeners.Bound>> listeners) {
}
