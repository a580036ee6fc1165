package dev.murmur.load.scenario;

import dev.murmur.load.client.ClientListener;
import dev.murmur.load.client.MqttClient;
import dev.murmur.load.verify.Member;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Retained messages in rounds: publishers set a new retained message on each of T topics (round
 * r carries sequence number r), then every subscriber subscribes to a wildcard over them and must
 * receive each topic's latest message, with the RETAIN flag (MQTT-3.3.1-9), then unsubscribes.
 * Latency is measured from the SUBSCRIBE. Tear-down clears the topics with empty retained messages.
 */
final class RetainedScenario implements Scenario {
    /** QoS 0 has no acknowledgement to wait for; give the broker this long to store the round. */
    private static final long QOS0_SETTLE_MILLIS = 200;
    private static final long ROUND_TIMEOUT_MILLIS = 5_000;

    private final List<Publisher> topics = new ArrayList<>();
    private final List<MqttClient> subscribers = new ArrayList<>();
    private final List<AtomicInteger> receivedThisRound = new ArrayList<>();
    private final AtomicLong subscribeSentNanos = new AtomicLong();
    private final AtomicLong withoutRetainFlag = new AtomicLong();
    private volatile boolean running;
    private Thread rounds;

    @Override
    public String name() {
        return "retained";
    }

    @Override
    public void setUp(RunContext ctx) throws Exception {
        RunConfig c = ctx.config();
        List<MqttClient> publishers = new ArrayList<>();
        for (int i = 0; i < c.publishers(); i++) {
            publishers.add(ctx.newClient("pub", i, ClientListener.NONE));
        }
        ctx.connectAllOrFail(publishers, "publisher");
        for (int t = 0; t < c.topics(); t++) {
            topics.add(ctx.addPublisher(publishers.get(t % publishers.size()), t,
                    ctx.topic("retained", Integer.toString(t)), true));
        }
        for (int j = 0; j < c.subscribers(); j++) {
            Member m = ctx.verifier().receiver("sub-" + j, id -> true).member();
            AtomicInteger count = new AtomicInteger();
            receivedThisRound.add(count);
            subscribers.add(ctx.newClient("sub", j, (client, publish, now) -> {
                if (!publish.retain()) {
                    withoutRetainFlag.incrementAndGet();
                }
                count.incrementAndGet();
                m.onMessage(publish.payload(), now, subscribeSentNanos.get());
            }));
        }
        ctx.connectAllOrFail(subscribers, "subscriber");
        ctx.note(topics.size() + " retained topics, " + subscribers.size() + " subscribers");
    }

    @Override
    public void start(RunContext ctx) {
        running = true;
        rounds = new Thread(() -> runRounds(ctx), "murmur-load-retained-rounds");
        rounds.setDaemon(true);
        rounds.start();
    }

    private void runRounds(RunContext ctx) {
        RunConfig c = ctx.config();
        long roundNanos = c.ratePerPublisher() > 0 ? (long) (1e9 / c.ratePerPublisher()) : 0;
        try {
            while (running && !ctx.budget().exhausted()) {
                long roundStart = System.nanoTime();
                publishRound(ctx);
                receivedThisRound.forEach(a -> a.set(0));
                subscribeSentNanos.set(System.nanoTime());
                String filter = ctx.topic("retained", "#");
                ctx.subscribeAll(subscribers, j -> List.of(Subscription.of(filter, c.maxQos())));
                awaitDeliveries();
                List<CompletableFuture<?>> unsubs = new ArrayList<>();
                for (MqttClient s : subscribers) {
                    unsubs.add(s.unsubscribe(List.of(filter)));
                }
                CompletableFuture.allOf(unsubs.toArray(CompletableFuture[]::new))
                        .get(ROUND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                long left = roundNanos - (System.nanoTime() - roundStart);
                if (left > 0) {
                    TimeUnit.NANOSECONDS.sleep(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            ctx.note("retained rounds stopped: " + e.getMessage());
        }
    }

    /** Sets every topic once, then waits until the broker acknowledged all (or settles at QoS 0). */
    private void publishRound(RunContext ctx) throws Exception {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (Publisher p : topics) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            done.add(f);
            publishWhenPossible(ctx, p, f, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUND_TIMEOUT_MILLIS));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
                .get(ROUND_TIMEOUT_MILLIS * 2, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUND_TIMEOUT_MILLIS);
        while (ctx.inflight() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        if (ctx.config().qos().contains(QoS.AT_MOST_ONCE)) {
            TimeUnit.MILLISECONDS.sleep(QOS0_SETTLE_MILLIS);
        }
    }

    private void publishWhenPossible(RunContext ctx, Publisher p, CompletableFuture<Void> done, long deadline) {
        p.client().eventLoop().execute(() -> {
            if (p.tryPublish(ctx.budget()) || ctx.budget().exhausted() || System.nanoTime() > deadline) {
                p.client().flush();
                done.complete(null);
            } else {
                p.client().eventLoop().schedule(() -> publishWhenPossible(ctx, p, done, deadline), 1,
                        TimeUnit.MILLISECONDS);
            }
        });
    }

    private void awaitDeliveries() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUND_TIMEOUT_MILLIS);
        for (AtomicInteger count : receivedThisRound) {
            while (count.get() < topics.size() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
    }

    @Override
    public void stop(RunContext ctx) throws Exception {
        running = false;
        if (rounds != null) {
            rounds.join(ROUND_TIMEOUT_MILLIS * 4);
        }
        if (withoutRetainFlag.get() > 0) {
            ctx.note(withoutRetainFlag.get() + " retained deliveries lacked the RETAIN flag (MQTT-3.3.1-9)");
        }
    }

    @Override
    public List<String> failures() {
        long n = withoutRetainFlag.get();
        return n == 0 ? List.of() : List.of(n + " retained deliveries lacked the RETAIN flag (MQTT-3.3.1-9)");
    }

    @Override
    public void tearDown(RunContext ctx) throws Exception {
        List<CompletableFuture<?>> cleared = new ArrayList<>();
        for (Publisher p : topics) {
            cleared.add(CompletableFuture.runAsync(() -> {
                if (p.client().isConnected()) {
                    p.client().publish(p.topic(), QoS.AT_MOST_ONCE, true, new byte[0], null, 0);
                    p.client().flush();
                }
            }, p.client().eventLoop()));
        }
        CompletableFuture.allOf(cleared.toArray(CompletableFuture[]::new)).get(ROUND_TIMEOUT_MILLIS,
                TimeUnit.MILLISECONDS);
        ctx.disconnectAll();
    }
}
