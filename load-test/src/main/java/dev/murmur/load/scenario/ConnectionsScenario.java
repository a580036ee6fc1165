package dev.murmur.load.scenario;

import dev.murmur.load.client.ClientListener;
import dev.murmur.load.client.MqttClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens N connections at the configured rate and holds them (keep-alive pings only) for the
 * duration: measures connect rate, CONNACK latency, failures and, with --pid, the broker's memory
 * per connection. Failures are counted, not fatal.
 */
final class ConnectionsScenario implements Scenario {
    @Override
    public String name() {
        return "connections";
    }

    @Override
    public boolean hasTraffic() {
        return false;
    }

    @Override
    public void setUp(RunContext ctx) throws Exception {
        List<MqttClient> batch = new ArrayList<>(ctx.config().connections());
        for (int i = 0; i < ctx.config().connections(); i++) {
            batch.add(ctx.newClient("conn", i, ClientListener.NONE));
        }
        int ok = ctx.connectAll(batch);
        ctx.note(ok + " of " + batch.size() + " connections open");
    }

    @Override
    public void start(RunContext ctx) {
        // Holding is the whole load: keep-alive pings flow by themselves.
    }

    @Override
    public void stop(RunContext ctx) {
        // Nothing was started.
    }
}
