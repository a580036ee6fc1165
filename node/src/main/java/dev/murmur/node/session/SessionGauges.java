package dev.murmur.node.session;

import dev.murmur.node.metrics.BrokerMetrics;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Keeps the node-wide session gauges (live and persistent sessions, inflight and queued
 * messages) in line with one session entity. It looks at the entity after every message and adds
 * only what changed, so no code path that changes the session has to remember the gauges, and
 * a stopped entity (passivated, or its shard moved) takes its share back.
 */
final class SessionGauges extends BehaviorInterceptor<ShardMessage, ShardMessage> {
    private final BrokerMetrics metrics;
    private final SessionEntity entity;
    private boolean live;
    private boolean persistent;
    private int inflight;
    private int queued;

    SessionGauges(BrokerMetrics metrics, SessionEntity entity) {
        super(ShardMessage.class);
        this.metrics = metrics;
        this.entity = entity;
    }

    @Override
    public Behavior<ShardMessage> aroundReceive(TypedActorContext<ShardMessage> ctx, ShardMessage msg,
                                                ReceiveTarget<ShardMessage> target) {
        Behavior<ShardMessage> next = target.apply(ctx, msg);
        SessionState s = entity.state();
        boolean exists = entity.exists();
        update(exists, exists && s.sessionExpirySeconds() > 0, s.inflightCount(), s.queuedCount());
        return next;
    }

    @Override
    public Behavior<ShardMessage> aroundSignal(TypedActorContext<ShardMessage> ctx, Signal signal,
                                               SignalTarget<ShardMessage> target) {
        if (signal instanceof PostStop) {
            update(false, false, 0, 0);
        }
        return target.apply(ctx, signal);
    }

    private void update(boolean nowLive, boolean nowPersistent, int nowInflight, int nowQueued) {
        if (nowLive != live) {
            metrics.sessionsLive().addAndGet(nowLive ? 1 : -1);
            live = nowLive;
        }
        if (nowPersistent != persistent) {
            metrics.sessionsPersistent().addAndGet(nowPersistent ? 1 : -1);
            persistent = nowPersistent;
        }
        if (nowInflight != inflight) {
            metrics.inflightCurrent().addAndGet(nowInflight - inflight);
            inflight = nowInflight;
        }
        if (nowQueued != queued) {
            metrics.queuedCurrent().addAndGet(nowQueued - queued);
            queued = nowQueued;
        }
    }
}
