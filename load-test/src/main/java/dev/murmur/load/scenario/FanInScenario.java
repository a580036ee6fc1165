package dev.murmur.load.scenario;

/** P publishers on their own topics, one (or a few) subscribers on a wildcard over all of them. */
final class FanInScenario extends PubSubScenario {
    @Override
    public String name() {
        return "fan-in";
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
        return ctx.topic("fan-in", Integer.toString(publisher));
    }

    @Override
    protected String filter(RunContext ctx, int subscriber) {
        return ctx.topic("fan-in", "+");
    }
}
