package dev.murmur.load.scenario;

import dev.murmur.load.client.ClientListener;
import dev.murmur.load.client.ClientOptions;
import dev.murmur.load.client.MqttClient;
import dev.murmur.protocol.packet.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Subscribers with persistent sessions (clean start 0, session expiry > 0) go offline and come
 * back on a staggered schedule while publishers run: every accepted QoS 1/2 message must still
 * arrive, queued by the broker while its subscriber was away. At the end every subscriber is
 * back online before the drain, and the sessions are removed from the broker on tear-down.
 */
final class PersistentScenario extends PubSubScenario {
    /** Session expiry used when the options leave it at 0, which would not be persistent in v5. */
    static final long DEFAULT_EXPIRY_SECONDS = 300;

    private final AtomicInteger sessionsLost = new AtomicInteger();
    private volatile boolean cycling;

    @Override
    public String name() {
        return "persistent";
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
        return ctx.topic("persistent", Integer.toString(publisher));
    }

    @Override
    protected String filter(RunContext ctx, int subscriber) {
        return ctx.topic("persistent", "+");
    }

    @Override
    protected ClientOptions subscriberOptions(RunContext ctx) {
        long expiry = ctx.config().client().sessionExpiry();
        return ctx.config().client().withSession(false, expiry > 0 ? expiry : DEFAULT_EXPIRY_SECONDS);
    }

    @Override
    public void start(RunContext ctx) {
        cycling = true;
        long every = ctx.config().reconnectEvery().toNanos();
        for (int j = 0; j < subscribers.size(); j++) {
            MqttClient sub = subscribers.get(j);
            // Stagger so that at any moment only a slice of the subscribers is away.
            long offset = every * (j + 1) / (subscribers.size() + 1);
            sub.eventLoop().schedule(() -> goOffline(ctx, sub), offset, TimeUnit.NANOSECONDS);
        }
        super.start(ctx);
    }

    private void goOffline(RunContext ctx, MqttClient sub) {
        if (!cycling) {
            return;
        }
        sub.disconnect().whenComplete((v, t) -> sub.eventLoop().schedule(() -> comeBack(ctx, sub),
                ctx.config().offlineFor().toNanos(), TimeUnit.NANOSECONDS));
    }

    private void comeBack(RunContext ctx, MqttClient sub) {
        reconnect(ctx, sub).whenComplete((ok, t) -> {
            if (cycling) {
                sub.eventLoop().schedule(() -> goOffline(ctx, sub), ctx.config().reconnectEvery().toNanos(),
                        TimeUnit.NANOSECONDS);
            }
        });
    }

    /** Reconnects; a broker that lost the session is noted, and the subscription is made again. */
    private CompletableFuture<Boolean> reconnect(RunContext ctx, MqttClient sub) {
        return sub.connect().thenCompose(ack -> {
            if (ack.sessionPresent()) {
                return CompletableFuture.completedFuture(true);
            }
            sessionsLost.incrementAndGet();
            ctx.note("session of " + sub.clientId() + " was not present on reconnect");
            return sub.subscribe(List.of(Subscription.of(filter(ctx, 0), ctx.config().maxQos()))).thenApply(a -> false);
        }).exceptionally(t -> false);
    }

    @Override
    public void stop(RunContext ctx) throws Exception {
        cycling = false;
        super.stop(ctx);
        // Everyone comes back before the drain: queued messages can only arrive at a connection.
        long deadline = System.nanoTime() + ctx.config().offlineFor().plus(Duration.ofSeconds(10)).toNanos();
        while (System.nanoTime() < deadline) {
            List<MqttClient> away = new ArrayList<>();
            for (MqttClient s : subscribers) {
                if (!s.isConnected()) {
                    away.add(s);
                }
            }
            if (away.isEmpty()) {
                break;
            }
            for (MqttClient s : away) {
                try {
                    reconnect(ctx, s).get(ctx.config().client().connackTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    // already connecting (scheduled comeBack) or failed: the loop retries until the deadline
                }
            }
        }
        if (sessionsLost.get() > 0) {
            ctx.note(sessionsLost.get() + " persistent sessions were lost by the broker");
        }
    }

    @Override
    public void tearDown(RunContext ctx) throws Exception {
        ctx.disconnectAll();
        // Remove the sessions we left on the broker: connect once with clean start, then leave.
        ClientOptions clean = ctx.config().client().withSession(true, 0);
        List<MqttClient> cleaners = new ArrayList<>();
        for (int j = 0; j < subscribers.size(); j++) {
            cleaners.add(ctx.newClient("sub", j, clean, ClientListener.NONE));
        }
        ctx.connectAll(cleaners);
        ctx.disconnectAll();
    }

    @Override
    public List<String> failures() {
        int n = sessionsLost.get();
        return n == 0 ? List.of() : List.of(n + " persistent sessions were not present on reconnect");
    }
}
