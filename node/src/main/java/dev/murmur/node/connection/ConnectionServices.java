package dev.murmur.node.connection;

import dev.murmur.node.auth.AllowAllAuthorizer;
import dev.murmur.node.auth.Authenticator;
import dev.murmur.node.auth.Authorizer;
import dev.murmur.node.auth.EnhancedAuthenticators;
import dev.murmur.node.config.NodeSettings;
import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.routing.PublishRouter;
import dev.murmur.node.session.ShardLayout;
import dev.murmur.node.session.ShardMessage;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** What every connection stage of a node shares. */
public record ConnectionServices(NodeSettings settings, BrokerMetrics metrics, Authenticator authenticator,
                                 PublishRouter router, ClusterSharding sharding, ConnectionRegistry registry,
                                 EnhancedAuthenticators enhancedAuth, Authorizer authorizer) {

    /** Services whose clients may publish and subscribe anywhere. */
    public ConnectionServices(NodeSettings settings, BrokerMetrics metrics, Authenticator authenticator,
                              PublishRouter router, ClusterSharding sharding, ConnectionRegistry registry,
                              EnhancedAuthenticators enhancedAuth) {
        this(settings, metrics, authenticator, router, sharding, registry, enhancedAuth, AllowAllAuthorizer.INSTANCE);
    }

    RecipientRef<ShardMessage> session(String clientId) {
        return sharding.entityRefFor(ShardLayout.TYPE_KEY, ShardLayout.sessionEntityId(clientId));
    }
}
