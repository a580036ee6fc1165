package dev.murmur.load.scenario;

import dev.murmur.load.client.ClientListener;
import dev.murmur.load.client.ClientOptions;
import dev.murmur.load.client.MqttClient;
import dev.murmur.load.verify.Member;
import dev.murmur.load.verify.Receiver;
import dev.murmur.protocol.packet.Subscription;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape most scenarios share: subscribers connect and subscribe first (so that a SUBACK
 * precedes every publish and nothing is "lost" before anyone listened), then publishers connect
 * and the pacer drives them. Subclasses say how many of each there are and who hears whom.
 */
abstract class PubSubScenario implements Scenario {
    protected final List<MqttClient> subscribers = new ArrayList<>();
    protected final List<Member> members = new ArrayList<>();
    protected final List<MqttClient> publisherClients = new ArrayList<>();

    protected abstract int publisherCount(RunConfig c);

    protected abstract int subscriberCount(RunConfig c);

    protected abstract String publisherTopic(RunContext ctx, int publisher);

    protected abstract String filter(RunContext ctx, int subscriber);

    /** The logical receiver subscriber {@code j} belongs to (default: its own, hearing everyone). */
    protected Receiver receiverFor(RunContext ctx, int subscriber) {
        return ctx.verifier().receiver("sub-" + subscriber, id -> true);
    }

    protected ClientOptions subscriberOptions(RunContext ctx) {
        return ctx.config().client();
    }

    @Override
    public void setUp(RunContext ctx) throws Exception {
        RunConfig c = ctx.config();
        ClientOptions subOptions = subscriberOptions(ctx);
        for (int j = 0; j < subscriberCount(c); j++) {
            Member m = receiverFor(ctx, j).member();
            members.add(m);
            subscribers.add(ctx.newClient("sub", j, subOptions, RunContext.deliverTo(m)));
        }
        ctx.connectAllOrFail(subscribers, "subscriber");
        ctx.subscribeAll(subscribers, j -> List.of(Subscription.of(filter(ctx, j), c.maxQos())));
        ctx.note(subscribers.size() + " subscribers subscribed");
        for (int i = 0; i < publisherCount(c); i++) {
            publisherClients.add(ctx.newClient("pub", i, ClientListener.NONE));
        }
        ctx.connectAllOrFail(publisherClients, "publisher");
        for (int i = 0; i < publisherClients.size(); i++) {
            ctx.addPublisher(publisherClients.get(i), i, publisherTopic(ctx, i), false);
        }
        ctx.note(publisherClients.size() + " publishers connected");
    }
}
