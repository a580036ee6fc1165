package dev.murmur.node.retained;

import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.retained.RetainedCommand.Lookup;
import dev.murmur.node.retained.RetainedCommand.Put;
import dev.murmur.node.routing.MessageExpiry;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.SessionCommand;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/** Retained messages of this node, in memory (the durability issue makes them durable). */
public final class RetainedStore extends AbstractBehavior<RetainedCommand> {
    /** The pseudo-shard under which the retained store confirms a publisher's hand-off. */
    public static final int RETAINED_SHARD = -1;

    private final RetainedTree tree = new RetainedTree();
    private final BrokerMetrics metrics;

    public static Behavior<RetainedCommand> create(BrokerMetrics metrics) {
        return Behaviors.setup(ctx -> new RetainedStore(ctx, metrics));
    }

    private RetainedStore(ActorContext<RetainedCommand> ctx, BrokerMetrics metrics) {
        super(ctx);
        this.metrics = metrics;
    }

    @Override
    public Receive<RetainedCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(Put.class, this::onPut)
                .onMessage(Lookup.class, this::onLookup)
                .onMessage(RetainedCommand.PutConfirmed.class, p -> {
                    onPut(new Put(p.message()));
                    p.confirmTo().tell(new ConnectionOutput.SessionConfirmed(p.handOffId(), RETAINED_SHARD, p.attempt()));
                    return this;
                })
                .onMessage(RetainedCommand.Browse.class, this::onBrowse)
                .onMessage(RetainedCommand.Remove.class, this::onRemove)
                .build();
    }

    private Behavior<RetainedCommand> onPut(Put put) {
        RoutedMessage m = put.message();
        if (m.payload().length == 0) {
            tree.remove(m.topic()); // MQTT-3.3.1-6: an empty retained payload clears the topic
        } else {
            tree.put(m);
        }
        metrics.retainedCurrent().set(tree.size());
        return this;
    }

    private Behavior<RetainedCommand> onBrowse(RetainedCommand.Browse browse) {
        List<RoutedMessage> page = new ArrayList<>();
        int[] total = {0};
        tree.match(browse.filter(), m -> {
            total[0]++;
            if (page.size() < browse.limit()) {
                page.add(m);
            }
        });
        browse.replyTo().tell(new RetainedCommand.RetainedPage(List.copyOf(page), total[0]));
        return this;
    }

    private Behavior<RetainedCommand> onRemove(RetainedCommand.Remove remove) {
        int before = tree.size();
        tree.remove(remove.topic());
        metrics.retainedCurrent().set(tree.size());
        remove.replyTo().tell(new RetainedCommand.Removed(remove.topic(), tree.size() < before));
        return this;
    }

    private Behavior<RetainedCommand> onLookup(Lookup lookup) {
        List<RoutedMessage> found = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        long now = System.currentTimeMillis();
        tree.match(lookup.filter(), m -> {
            if (MessageExpiry.isExpired(m, now)) {
                expired.add(m.topic()); // MQTT-3.3.2-5: an expired retained message is not delivered
            } else {
                found.add(m);
            }
        });
        if (!expired.isEmpty()) {
            expired.forEach(tree::remove);
            metrics.retainedCurrent().set(tree.size());
        }
        if (!found.isEmpty()) {
            lookup.replyTo().tell(new SessionCommand.RetainedFound(found, lookup.maxQos(),
                    lookup.subscriptionIdentifier()));
        }
        return this;
    }
}
