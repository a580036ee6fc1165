package dev.murmur.node.routing;

import dev.murmur.node.config.Mqtt5Settings.SharedStrategy;
import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.routing.SharedGroupCommand.GroupRouted;
import dev.murmur.node.routing.SharedGroupCommand.Join;
import dev.murmur.node.routing.SharedGroupCommand.Leave;
import dev.murmur.node.routing.SharedGroupCommand.MemberStatus;
import dev.murmur.node.routing.SharedGroupCommand.Redeliver;
import dev.murmur.node.routing.SharedGroupCommand.Route;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.ShardMessage;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.topic.SharedSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * One shared subscription group {@code $share/{group}/{filter}} (MQTT 5.0 4.8.2), sharded like a
 * session. Its members may live in any shard on any node, so the choice of the one member per
 * message is made here, in one place per group cluster-wide: the group registers its filter with
 * the hub of its own shard, that hub hands it every matching message (a local send), and the
 * group forwards the message to one member's session. Connected members are preferred (round
 * robin or random, by configuration); with none connected the message goes to a disconnected
 * member's session, which queues it as for any subscription. A member's unacknowledged messages
 * come back as {@link Redeliver} when its session ends and go to another member.
 */
public final class SharedGroup extends AbstractBehavior<ShardMessage> {
    private final String shareFilter;
    private final String filter;
    private final SharedStrategy strategy;
    private final BrokerMetrics metrics;
    private final RecipientRef<ShardMessage> hub;
    private final Function<String, RecipientRef<ShardMessage>> sessionRef;
    private final ActorRef<ClusterSharding.ShardCommand> shard;
    private final RecipientRef<ShardMessage> selfViaSharding;
    private final List<Member> members = new ArrayList<>();
    /** Joins answered once the hub confirms the route. */
    private final List<Join> awaitingRoute = new ArrayList<>();
    private long routeRequest = -1;
    private long requests;
    private boolean routed;
    private boolean passivating;
    private int next;

    /** A member as the group keeps it: its session and the options of its subscription. */
    private record Member(String clientId, QoS maxQos, boolean retainAsPublished, Integer subscriptionIdentifier,
                          boolean online) {
    }

    public static Behavior<ShardMessage> create(String shareFilter, SharedStrategy strategy, BrokerMetrics metrics,
                                                RecipientRef<ShardMessage> hub,
                                                Function<String, RecipientRef<ShardMessage>> sessionRef,
                                                ActorRef<ClusterSharding.ShardCommand> shard,
                                                RecipientRef<ShardMessage> selfViaSharding) {
        return Behaviors.setup(ctx -> new SharedGroup(ctx, shareFilter, strategy, metrics, hub, sessionRef, shard,
                selfViaSharding));
    }

    private SharedGroup(ActorContext<ShardMessage> ctx, String shareFilter, SharedStrategy strategy,
                        BrokerMetrics metrics, RecipientRef<ShardMessage> hub,
                        Function<String, RecipientRef<ShardMessage>> sessionRef,
                        ActorRef<ClusterSharding.ShardCommand> shard, RecipientRef<ShardMessage> selfViaSharding) {
        super(ctx);
        this.shareFilter = shareFilter;
        this.filter = SharedSubscription.parse(shareFilter).filter();
        this.strategy = strategy;
        this.metrics = metrics;
        this.hub = hub;
        this.sessionRef = sessionRef;
        this.shard = shard;
        this.selfViaSharding = selfViaSharding;
    }

    @Override
    public Receive<ShardMessage> createReceive() {
        return newReceiveBuilder()
                .onMessage(Route.class, r -> {
                    deliver(r.message(), null);
                    return this;
                })
                .onMessage(Redeliver.class, this::onRedeliver)
                .onMessage(Join.class, this::onJoin)
                .onMessage(Leave.class, this::onLeave)
                .onMessage(MemberStatus.class, this::onStatus)
                .onMessage(GroupRouted.class, this::onRouted)
                .onMessageEquals(SessionCommand.Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    private Behavior<ShardMessage> onJoin(Join join) {
        if (passivating) {
            selfViaSharding.tell(join); // buffered by the shard for the next incarnation
            return this;
        }
        int at = indexOf(join.clientId());
        Member m = new Member(join.clientId(), join.maxQos(), join.retainAsPublished(), join.subscriptionIdentifier(),
                join.online());
        if (at >= 0) {
            members.set(at, m); // MQTT-3.8.4-3: a repeated subscription replaces the old one
        } else {
            members.add(m);
        }
        if (routed) {
            join.replyTo().tell(new SessionCommand.SubscriptionsRouted(join.packetId()));
            return this;
        }
        awaitingRoute.add(join);
        if (routeRequest < 0) {
            routeRequest = ++requests;
            hub.tell(new HubCommand.AddSharedGroup(filter, shareFilter, getContext().getSelf(), routeRequest));
        }
        return this;
    }

    private Behavior<ShardMessage> onRouted(GroupRouted r) {
        if (r.requestId() != routeRequest) {
            return this;
        }
        routed = true;
        awaitingRoute.forEach(j -> j.replyTo().tell(new SessionCommand.SubscriptionsRouted(j.packetId())));
        awaitingRoute.clear();
        return this;
    }

    private Behavior<ShardMessage> onLeave(Leave leave) {
        int at = indexOf(leave.clientId());
        if (at < 0) {
            return this;
        }
        members.remove(at);
        if (at < next) {
            next--;
        }
        if (members.isEmpty() && !passivating) {
            hub.tell(new HubCommand.RemoveSharedGroup(filter, shareFilter, getContext().getSelf()));
            passivating = true;
            shard.tell(new ClusterSharding.Passivate<>(getContext().getSelf()));
        }
        return this;
    }

    private Behavior<ShardMessage> onStatus(MemberStatus s) {
        int at = indexOf(s.clientId());
        if (at >= 0) {
            Member m = members.get(at);
            members.set(at, new Member(m.clientId(), m.maxQos(), m.retainAsPublished(), m.subscriptionIdentifier(),
                    s.online()));
        }
        return this;
    }

    private Behavior<ShardMessage> onRedeliver(Redeliver r) {
        metrics.increment(Counter.SHARED_MESSAGES_REDELIVERED);
        deliver(r.message(), r.fromClientId());
        return this;
    }

    /** Sends {@code msg} to one member other than {@code exclude}; connected members first. */
    private void deliver(RoutedMessage msg, String exclude) {
        Member m = pick(true, exclude);
        if (m == null) {
            m = pick(false, exclude);
        }
        if (m == null) {
            metrics.increment(Counter.SHARED_MESSAGES_NO_MEMBER);
            return;
        }
        List<Integer> ids = m.subscriptionIdentifier() == null ? List.of() : List.of(m.subscriptionIdentifier());
        sessionRef.apply(m.clientId()).tell(new SessionCommand.DeliverShared(msg, QoS.min(msg.qos(), m.maxQos()),
                m.retainAsPublished(), ids, shareFilter));
    }

    private Member pick(boolean onlineOnly, String exclude) {
        int n = members.size();
        if (n == 0) {
            return null;
        }
        int start = strategy == SharedStrategy.RANDOM ? ThreadLocalRandom.current().nextInt(n) : next % n;
        for (int i = 0; i < n; i++) {
            int at = (start + i) % n;
            Member m = members.get(at);
            if ((!onlineOnly || m.online()) && !m.clientId().equals(exclude)) {
                next = at + 1;
                return m;
            }
        }
        return null;
    }

    private int indexOf(String clientId) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).clientId().equals(clientId)) {
                return i;
            }
        }
        return -1;
    }
}
