package dev.murmur.load.scenario;

import dev.murmur.load.verify.Receiver;
import java.util.ArrayList;
import java.util.List;

/**
 * P publishers, S subscribers spread over G shared-subscription groups ($share/gK/...): each
 * group as a whole must receive every message once. Order is not promised across members.
 */
final class SharedScenario extends PubSubScenario {
    private final List<Receiver> groups = new ArrayList<>();

    @Override
    public String name() {
        return "shared";
    }

    @Override
    public boolean orderingExpected() {
        return false;
    }

    @Override
    protected int publisherCount(RunConfig c) {
        return c.publishers();
    }

    @Override
    protected int subscriberCount(RunConfig c) {
        return c.subscribers();
    }

    @Override
    protected String publisherTopic(RunContext ctx, int publisher) {
        return ctx.topic("shared", Integer.toString(publisher));
    }

    @Override
    protected String filter(RunContext ctx, int subscriber) {
        return "$share/g" + (subscriber % ctx.config().groups()) + "/" + ctx.topic("shared", "+");
    }

    @Override
    protected Receiver receiverFor(RunContext ctx, int subscriber) {
        int group = subscriber % ctx.config().groups();
        while (groups.size() <= group) {
            groups.add(ctx.verifier().receiver("group-" + groups.size(), id -> true));
        }
        return groups.get(group);
    }
}
