package dev.murmur.load.scenario;

import dev.murmur.load.verify.Receiver;

/** N publisher/subscriber pairs, each on its own topic: subscriber i must hear publisher i only. */
final class PairsScenario extends PubSubScenario {
    @Override
    public String name() {
        return "pairs";
    }

    @Override
    protected int publisherCount(RunConfig c) {
        return c.publishers();
    }

    @Override
    protected int subscriberCount(RunConfig c) {
        return c.publishers();
    }

    @Override
    protected String publisherTopic(RunContext ctx, int publisher) {
        return ctx.topic("pairs", Integer.toString(publisher));
    }

    @Override
    protected String filter(RunContext ctx, int subscriber) {
        return ctx.topic("pairs", Integer.toString(subscriber));
    }

    @Override
    protected Receiver receiverFor(RunContext ctx, int subscriber) {
        return ctx.verifier().receiver("pair-" + subscriber, id -> id == subscriber);
    }
}
