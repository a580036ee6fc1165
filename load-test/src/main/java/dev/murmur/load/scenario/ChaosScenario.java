package dev.murmur.load.scenario;

import dev.murmur.load.client.ClientListener;
import dev.murmur.load.client.ClientOptions;
import dev.murmur.load.client.MqttClient;
import dev.murmur.load.verify.Member;
import dev.murmur.load.verify.Payload;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.Subscription;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The chaos workload: {@code pairs} publisher/subscriber pairs plus a fan-in of {@code fanIn}
 * publishers into one wildcard subscriber, every device with a persistent session (clean start
 * 0, session expiry) and spread over the cluster's nodes in turn. A device whose connection
 * breaks reconnects with the same client id to the next node in the list, so its session
 * resumes there and the client re-sends unacknowledged QoS 1/2 messages with DUP
 * (MQTT-4.4.0-1); a lost session is counted and the subscription made again. Order is counted,
 * not judged: the verdict fails on acknowledged loss and QoS 2 duplicates only.
 */
public final class ChaosScenario implements Scenario {
    private static final long BACKOFF_STEP_MILLIS = 250;
    private static final long BACKOFF_MAX_MILLIS = 2_000;
    private static final long POLL_MILLIS = 50;
    private static final int SETUP_ROUNDS = 4;
    private static final long SETUP_PAUSE_MILLIS = 1_000;

    private final int pairs;
    private final int fanIn;
    private final List<InetSocketAddress> nodes;
    private final boolean keepSessions;
    private final DeviceTracker tracker = new DeviceTracker();
    private final List<Device> devices = new ArrayList<>();
    private volatile boolean stopping;
    /** Set once traffic starts: a connection lost before that is retried by set-up, not counted. */
    private volatile boolean live;
    private RunContext ctx;
    private DuplicateProbe probe;

    /**
     * {@code nodes}: the MQTT listener of every node, in the order devices are spread over them;
     * {@code keepSessions}: leave the sessions on the cluster at the end instead of removing them.
     */
    public ChaosScenario(int pairs, int fanIn, List<InetSocketAddress> nodes, boolean keepSessions) {
        if (pairs < 0 || fanIn < 0 || pairs + fanIn == 0) {
            throw new IllegalArgumentException("chaos needs at least one pair or fan-in publisher");
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("chaos needs at least one node");
        }
        this.pairs = pairs;
        this.fanIn = fanIn;
        this.nodes = List.copyOf(nodes);
        this.keepSessions = keepSessions;
    }

    @Override
    public String name() {
        return "chaos";
    }

    /** Order after a fail-over is reported, but only loss and QoS 2 duplicates fail a chaos run. */
    @Override
    public boolean orderingExpected() {
        return false;
    }

    public DeviceTracker tracker() {
        return tracker;
    }

    /** One device: a client, the node it is on, and what it subscribes to (nothing for publishers). */
    private final class Device implements ClientListener {
        final String role;
        final int index;
        final List<Subscription> subscriptions;
        final Member member;
        DuplicateProbe.Memory duplicates;
        MqttClient client;
        int node;
        boolean reconnecting;

        Device(String role, int index, List<Subscription> subscriptions, Member member, int node) {
            this.role = role;
            this.index = index;
            this.subscriptions = subscriptions;
            this.member = member;
            this.node = node;
        }

        @Override
        public void onPublish(MqttClient c, Publish publish, long nowNanos) {
            if (member != null) {
                duplicates.onDelivery(c.clientId(), publish, nowNanos);
                member.onMessage(publish.payload(), nowNanos, -1);
                if (Payload.isValid(publish.payload())) {
                    tracker.delivered(c.clientId(), nowNanos, Payload.sendNanos(publish.payload()));
                }
            }
        }

        @Override
        public void onClosed(MqttClient c, boolean expected) {
            if (expected || stopping || !live) {
                return;
            }
            tracker.cutOff(c.clientId(), System.nanoTime());
            // A failed attempt closes its connection too: one chain of attempts per device.
            if (!reconnecting) {
                reconnecting = true;
                reconnect(0);
            }
        }

        /**
         * Tries the next node after a back-off growing with {@code attempt}. Everything here runs
         * on the client's event loop (connect futures complete there), so {@code reconnecting}
         * needs no lock.
         */
        void reconnect(int attempt) {
            long delay = Math.min(BACKOFF_MAX_MILLIS, BACKOFF_STEP_MILLIS * (attempt + 1));
            client.eventLoop().schedule(() -> {
                if (stopping || client.isConnected()) {
                    reconnecting = false;
                    return;
                }
                node = (node + 1) % nodes.size();
                client.target(nodes.get(node));
                client.connect().whenComplete((ack, t) -> client.eventLoop().execute(() -> {
                    if (t != null) {
                        reconnect(attempt + 1);
                    } else {
                        reconnecting = false;
                        resumed(ack);
                    }
                }));
            }, delay, TimeUnit.MILLISECONDS);
        }

        private void resumed(ConnAck ack) {
            if (ack.sessionPresent() || subscriptions.isEmpty()) {
                tracker.served(client.clientId(), System.nanoTime(), ack.sessionPresent());
                return;
            }
            ctx.note("session of " + client.clientId() + " was not present on node-" + (node + 1)
                    + "; subscribing again");
            client.subscribe(subscriptions).whenComplete((subAck, t) -> {
                if (t == null && subAck.reasonCodes().stream().noneMatch(ReasonCode::isError)) {
                    tracker.served(client.clientId(), System.nanoTime(), false);
                }
                // otherwise the connection broke again and onClosed starts over
            });
        }
    }

    @Override
    public void setUp(RunContext ctx) throws Exception {
        this.ctx = ctx;
        this.probe = new DuplicateProbe(ctx::note, ctx.startNanos());
        RunConfig c = ctx.config();
        long expiry = c.client().sessionExpiry();
        ClientOptions persistent = c.client().withSession(false,
                expiry > 0 ? expiry : PersistentScenario.DEFAULT_EXPIRY_SECONDS);
        List<Device> subscribers = new ArrayList<>();
        for (int j = 0; j < pairs; j++) {
            final int pair = j;
            Member m = ctx.verifier().receiver("pair-" + j, id -> id == pair).member();
            subscribers.add(add("sub", j, persistent, m, ctx.topic("pairs", Integer.toString(j))));
        }
        if (fanIn > 0) {
            Member m = ctx.verifier().receiver("fan-in", id -> id >= pairs).member();
            subscribers.add(add("sub", pairs, persistent, m, ctx.topic("fan-in", "+")));
        }
        establish(ctx, subscribers, "subscriber");
        ctx.note(subscribers.size() + " subscribers subscribed on " + nodes.size() + " nodes");
        List<Device> publishers = new ArrayList<>();
        for (int i = 0; i < pairs + fanIn; i++) {
            publishers.add(add("pub", i, persistent, null, null));
        }
        establish(ctx, publishers, "publisher");
        for (int i = 0; i < publishers.size(); i++) {
            String topic = i < pairs ? ctx.topic("pairs", Integer.toString(i))
                    : ctx.topic("fan-in", Integer.toString(i - pairs));
            ctx.addPublisher(publishers.get(i).client, i, topic, false);
        }
        ctx.note(publishers.size() + " publishers connected");
    }

    /**
     * Connects (and subscribes) every device, retrying stragglers a few times: a cluster that just
     * came up may refuse or drop a client while its shards start, and chaos is about what happens
     * afterwards. Re-subscribing to the same filter only replaces the subscription.
     */
    private static void establish(RunContext ctx, List<Device> batch, String role) throws InterruptedException {
        List<Device> missing = batch;
        for (int round = 0; round < SETUP_ROUNDS && !missing.isEmpty(); round++) {
            if (round > 0) {
                ctx.note(missing.size() + " " + role + " clients not ready; trying again");
                TimeUnit.MILLISECONDS.sleep(SETUP_PAUSE_MILLIS);
            }
            ctx.connectAll(missing.stream().map(d -> d.client).filter(cl -> !cl.isConnected()).toList());
            List<Device> connected = missing.stream().filter(d -> d.client.isConnected()).toList();
            List<CompletableFuture<Boolean>> subscribed = new ArrayList<>();
            for (Device d : connected) {
                subscribed.add(d.subscriptions.isEmpty() ? CompletableFuture.completedFuture(true)
                        : d.client.subscribe(d.subscriptions)
                        .thenApply(ack -> ack.reasonCodes().stream().noneMatch(ReasonCode::isError))
                        .exceptionally(t -> false));
            }
            List<Device> next = new ArrayList<>(missing.stream().filter(d -> !d.client.isConnected()).toList());
            long deadline = System.nanoTime() + ctx.config().client().connackTimeout().toNanos();
            for (int k = 0; k < connected.size(); k++) {
                boolean ok;
                try {
                    ok = subscribed.get(k).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    ok = false;
                }
                if (!ok || !connected.get(k).client.isConnected()) {
                    next.add(connected.get(k));
                }
            }
            missing = next;
        }
        if (!missing.isEmpty()) {
            throw new ScenarioException(missing.size() + " of " + batch.size() + " " + role + " clients could not "
                    + "connect and subscribe in " + SETUP_ROUNDS + " tries: " + ctx.engine().stats().failuresByCause());
        }
    }

    @Override
    public void start(RunContext ctx) {
        live = true;
        // One dropped between set-up and now is cut off like any other.
        for (Device d : devices) {
            d.client.eventLoop().execute(() -> {
                if (!d.client.isConnected() && !d.reconnecting) {
                    tracker.cutOff(d.client.clientId(), System.nanoTime());
                    d.reconnecting = true;
                    d.reconnect(0);
                }
            });
        }
        ctx.startPublishers();
    }

    private Device add(String role, int index, ClientOptions options, Member member, String filter) {
        List<Subscription> subs = filter == null ? List.of()
                : List.of(Subscription.of(filter, ctx.config().maxQos()));
        Device d = new Device(role, index, subs, member, devices.size() % nodes.size());
        d.duplicates = probe.memory();
        MqttClient client = ctx.newClient(role, index, options, d);
        client.target(nodes.get(d.node));
        d.client = client;
        devices.add(d);
        return d;
    }

    /**
     * Waits until every device is connected again (a fault may have just healed), at most
     * {@code max}, then freezes the tracker's counts (a device dropped while the run drains is
     * not the fault's doing); returns the number still away.
     */
    public int awaitEveryDeviceBack(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && away() > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
        tracker.freeze();
        return away();
    }

    /** Subscribing devices (each a receiver of the verdict). */
    public int subscriberCount() {
        return pairs + (fanIn > 0 ? 1 : 0);
    }

    private int away() {
        int n = 0;
        for (Device d : devices) {
            if (!d.client.isConnected() || tracker.isDown(d.client.clientId())) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void tearDown(RunContext ctx) throws Exception {
        stopping = true;
        ctx.disconnectAll();
        if (keepSessions) {
            ctx.note("sessions left on the cluster (--keep-sessions)");
            return;
        }
        // Remove the sessions we left on the cluster: connect once with clean start, then leave.
        ClientOptions clean = ctx.config().client().withSession(true, 0);
        List<MqttClient> cleaners = new ArrayList<>();
        for (int k = 0; k < devices.size(); k++) {
            Device d = devices.get(k);
            MqttClient cleaner = ctx.newClient(d.role, d.index, clean, ClientListener.NONE);
            cleaner.target(nodes.get(k % nodes.size()));
            cleaners.add(cleaner);
        }
        ctx.connectAll(cleaners);
        ctx.disconnectAll();
    }

    @Override
    public List<String> failures() {
        int away = tracker.downNow();
        return away == 0 ? List.of() : List.of(away + " devices were never served again after the fault");
    }
}
