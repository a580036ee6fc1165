package dev.murmur.node.clients;

import dev.murmur.persistence.serialization.MurmurSerializable;
import dev.murmur.node.connection.ClientConnection;
import dev.murmur.node.connection.ConnectionRegistry;
import dev.murmur.node.session.ShardLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * One per node, registered with the receptionist: answers for the clients connected to this node
 * (list, find, kick) and the sessions its shards hold. The admin API asks every node's directory
 * and merges the answers, so the same calls work on a cluster of one and of many.
 */
public final class ClientDirectory {
    /** Every node's directory registers under this key. */
    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "murmur-client-directory");

    /** The directory's protocol. */
    public sealed interface Command {
    }

    /** Connected clients matching a query, one page in client id order, with the number of matches. */
    public record ListClients(ClientQuery query, ActorRef<ClientPage> replyTo) implements Command, MurmurSerializable {
    }

    public record ClientPage(String node, List<ClientConnection> clients, int total) implements MurmurSerializable {
    }

    /** The connection of one client, if it is connected to this node. */
    public record FindClient(String clientId, ActorRef<FoundClient> replyTo) implements Command, MurmurSerializable {
    }

    /** {@code client} is null when the client is not connected here. */
    public record FoundClient(String node, ClientConnection client) implements MurmurSerializable {
    }

    /** Disconnect a client connected to this node (v5: DISCONNECT 0x98). */
    public record Kick(String clientId, ActorRef<KickResult> replyTo) implements Command, MurmurSerializable {
    }

    public record KickResult(String node, boolean kicked) implements MurmurSerializable {
    }

    /** Client ids of the sessions this node's shards hold (connected or not), one page. */
    public record ListSessions(String prefix, String after, int limit, ActorRef<SessionIds> replyTo)
            implements Command, MurmurSerializable {
    }

    public record SessionIds(String node, List<String> clientIds, int total) implements MurmurSerializable {
    }

    private record RegionState(ShardRegion.CurrentShardRegionState state, ListSessions request) implements Command {
    }

    private ClientDirectory() {
    }

    public static Behavior<Command> create(ConnectionRegistry registry, String node, ClusterSharding sharding) {
        return Behaviors.setup(ctx -> Behaviors.receiveMessage(msg -> {
            if (msg instanceof ListClients l) {
                l.replyTo().tell(page(registry, node, l.query()));
            } else if (msg instanceof FindClient f) {
                f.replyTo().tell(new FoundClient(node, registry.client(f.clientId()).orElse(null)));
            } else if (msg instanceof Kick k) {
                k.replyTo().tell(new KickResult(node, registry.disconnect(k.clientId())));
            } else if (msg instanceof ListSessions s) {
                ActorRef<ShardRegion.CurrentShardRegionState> adapter = ctx.messageAdapter(
                        ShardRegion.CurrentShardRegionState.class, st -> new RegionState(st, s));
                sharding.shardState().tell(new GetShardRegionState(ShardLayout.TYPE_KEY, adapter));
            } else if (msg instanceof RegionState r) {
                r.request().replyTo().tell(sessions(node, r.state(), r.request()));
            }
            return Behaviors.same();
        }));
    }

    private static ClientPage page(ConnectionRegistry registry, String node, ClientQuery q) {
        List<ClientConnection> page = new ArrayList<>(q.limit());
        int[] total = {0};
        registry.clientsWithPrefix(q.prefixOrEmpty()).forEach(c -> {
            if (q.matchesIgnoringCursor(c)) {
                total[0]++;
                if (page.size() < q.limit() && q.matches(c)) {
                    page.add(c);
                }
            }
        });
        return new ClientPage(node, List.copyOf(page), total[0]);
    }

    private static SessionIds sessions(String node, ShardRegion.CurrentShardRegionState state, ListSessions q) {
        TreeSet<String> ids = new TreeSet<>();
        String prefix = q.prefix() == null ? "" : q.prefix();
        for (ShardRegion.ShardState shard : state.getShards()) {
            for (String entityId : shard.getEntityIds()) {
                if (ShardLayout.isSession(entityId)) { // not hubs, not shared subscription groups
                    String clientId = ShardLayout.clientIdOf(entityId);
                    if (clientId.startsWith(prefix)) {
                        ids.add(clientId);
                    }
                }
            }
        }
        List<String> page = new ArrayList<>(q.limit());
        for (String id : q.after() == null ? ids : ids.tailSet(q.after(), false)) {
            if (page.size() == q.limit()) {
                break;
            }
            page.add(id);
        }
        return new SessionIds(node, List.copyOf(page), ids.size());
    }
}
