package dev.murmur.load.scenario;

import dev.murmur.load.client.ClientEngine;
import dev.murmur.load.client.ClientListener;
import dev.murmur.load.client.ClientOptions;
import dev.murmur.load.client.MqttClient;
import dev.murmur.load.report.RunEvent;
import dev.murmur.load.verify.Member;
import dev.murmur.load.verify.Verifier;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscription;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * The services a scenario builds on: creating clients, connecting them at the configured rate,
 * subscribing them, registering publishers with the verifier and the pacers, and the timeline.
 * Implements {@link FaultContext} so fault schedules see the same clients.
 */
public final class RunContext implements FaultContext {
    private final RunConfig config;
    private final ClientEngine engine;
    private final Verifier verifier;
    private final MessageBudget budget;
    private final long startNanos;
    private final List<MqttClient> clients = new CopyOnWriteArrayList<>();
    private final List<RunEvent> events = new CopyOnWriteArrayList<>();
    private final Map<EventLoop, PublishPacer> pacers = new LinkedHashMap<>();
    private final LongAdder refused = new LongAdder();

    public RunContext(RunConfig config, ClientEngine engine, Verifier verifier, MessageBudget budget, long startNanos) {
        this.config = config;
        this.engine = engine;
        this.verifier = verifier;
        this.budget = budget;
        this.startNanos = startNanos;
    }

    @Override
    public RunConfig config() {
        return config;
    }

    public ClientEngine engine() {
        return engine;
    }

    @Override
    public Verifier verifier() {
        return verifier;
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    public MessageBudget budget() {
        return budget;
    }

    @Override
    public List<MqttClient> clients() {
        return clients;
    }

    @Override
    public void note(String what) {
        events.add(new RunEvent((System.nanoTime() - startNanos) / 1e9, what));
    }

    public List<RunEvent> events() {
        return events;
    }

    /** Publishes the broker refused with an error reason code. */
    public long refused() {
        return refused.sum();
    }

    /** The topic {@code prefix/levels...}. */
    public String topic(String... levels) {
        return config.topicPrefix() + "/" + String.join("/", levels);
    }

    /** A new client named {@code <prefix><role>-<index>} with the run's client options. */
    public MqttClient newClient(String role, int index, ClientListener listener) {
        return newClient(role, index, config.client(), listener);
    }

    public MqttClient newClient(String role, int index, ClientOptions options, ClientListener listener) {
        MqttClient c = engine.client(config.clientIdPrefix() + role + "-" + index, options, listener);
        clients.add(c);
        return c;
    }

    /** A listener that hands every delivered payload to a verifier member. */
    public static ClientListener deliverTo(Member member) {
        return (client, publish, nowNanos) -> member.onMessage(publish.payload(), nowNanos, -1);
    }

    /**
     * Connects {@code batch} at the configured rate with at most the configured number awaiting
     * CONNACK; returns how many connected. Bounded: gives up on stragglers after the connect and
     * CONNACK timeouts.
     */
    public int connectAll(List<MqttClient> batch) throws InterruptedException {
        Semaphore connecting = new Semaphore(config.maxConnecting());
        Duration wait = config.transport().connectTimeout().plus(config.client().connackTimeout());
        List<CompletableFuture<?>> futures = new ArrayList<>(batch.size());
        double intervalNanos = 1e9 / config.connectRate();
        long start = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            long due = start + (long) (i * intervalNanos);
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            if (!connecting.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                break;
            }
            futures.add(batch.get(i).connect().whenComplete((ack, t) -> connecting.release()));
        }
        int ok = 0;
        long deadline = System.nanoTime() + wait.toNanos();
        for (CompletableFuture<?> f : futures) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                ok++;
            } catch (ExecutionException | TimeoutException e) {
                // counted by the engine's connection stats
            }
        }
        return ok;
    }

    /** Like {@link #connectAll} but every client must connect, or the run stops with the cause. */
    public void connectAllOrFail(List<MqttClient> batch, String role) throws InterruptedException {
        int ok = connectAll(batch);
        if (ok < batch.size()) {
            throw new ScenarioException((batch.size() - ok) + " of " + batch.size() + " " + role
                    + " clients failed to connect: " + engine.stats().failuresByCause());
        }
    }

    /** Subscribes client {@code i} of {@code batch} with {@code subscriptions.apply(i)}; checks every SUBACK. */
    public void subscribeAll(List<MqttClient> batch, IntFunction<List<Subscription>> subscriptions)
            throws InterruptedException {
        List<CompletableFuture<SubAck>> futures = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            futures.add(batch.get(i).subscribe(subscriptions.apply(i)));
        }
        long deadline = System.nanoTime() + config.client().connackTimeout().toNanos();
        for (CompletableFuture<SubAck> f : futures) {
            SubAck ack;
            try {
                ack = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new ScenarioException("SUBSCRIBE failed: " + e);
            }
            for (ReasonCode rc : ack.reasonCodes()) {
                if (rc.isError()) {
                    throw new ScenarioException("broker refused a subscription: " + rc);
                }
            }
        }
    }

    /** Registers publisher {@code id} on {@code client}, publishing at the run's QoS for that id. */
    public Publisher addPublisher(MqttClient client, int id, String topic, boolean retain) {
        Publisher p = new Publisher(client, verifier.publisher(id, config.qosOf(id).value()), topic, retain,
                config.payloadSize(), refused);
        synchronized (pacers) {
            pacers.computeIfAbsent(client.eventLoop(), l -> new PublishPacer(l, config.ratePerPublisher(), budget))
                    .add(p);
        }
        return p;
    }

    void startPublishers() {
        synchronized (pacers) {
            pacers.values().forEach(PublishPacer::start);
        }
    }

    void stopPublishers() {
        synchronized (pacers) {
            pacers.values().forEach(PublishPacer::stop);
        }
    }

    /** Publishers still waiting for acknowledgements, summed over clients. */
    public int inflight() {
        int n = 0;
        for (MqttClient c : clients) {
            n += c.inflight();
        }
        return n;
    }

    /** Disconnects every client (DISCONNECT, then close), waiting a bounded time. */
    public void disconnectAll() {
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (MqttClient c : clients) {
            fs.add(c.disconnect());
        }
        try {
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            note("some clients did not close within 10 s");
        }
    }
}
