package dev.murmur.load.scenario;

/** One (or a few) publishers on one topic, S subscribers on that exact topic. */
final class FanOutScenario extends PubSubScenario {
    @Override
    public String name() {
        return "fan-out";
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
        return ctx.topic("fan-out");
    }

    @Override
    protected String filter(RunContext ctx, int subscriber) {
        return ctx.topic("fan-out");
    }
}
