package dev.murmur.node.session;

import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * DeathWatch of a session on its attached connection, which may live on another node (issue 10):
 * when that node is downed no Detach will ever come, and without the watch the session would
 * think its client connected forever (no will, no expiry). Also the wait for the connection of a
 * predecessor entity that died with its node while a client was attached.
 */
final class ConnectionWatch {
    private final ActorContext<ShardMessage> ctx;
    private final TimerScheduler<ShardMessage> timers;
    private final SessionServices services;
    /** Recovered with a connection attached: the predecessor died with it; it may re-attach (resume) or be lost. */
    private boolean predecessorOnline;

    ConnectionWatch(ActorContext<ShardMessage> ctx, TimerScheduler<ShardMessage> timers, SessionServices services) {
        this.ctx = ctx;
        this.timers = timers;
        this.services = services;
    }

    void watch(ActorRef<ConnectionOutput> c) {
        ctx.unwatch(c); // re-attach of the same stage: watchWith refuses a second message
        ctx.watchWith(c, new SessionCommand.ConnectionTerminated(c));
    }

    void unwatch(ActorRef<ConnectionOutput> c) {
        ctx.unwatch(c);
        timers.cancel(lostTimerKey(c));
    }

    /**
     * The attached connection terminated. Terminated can overtake the connection's own Detach
     * (system messages go first), so a normal end gets the takeover grace for it, after which
     * {@code ConnectionLost} arrives; returns true when the connection is lost now because its
     * node is gone and no Detach can come.
     */
    boolean lostNow(ActorRef<ConnectionOutput> c) {
        if (nodeGone(c.path().address())) {
            return true;
        }
        timers.startSingleTimer(lostTimerKey(c), new SessionCommand.ConnectionLost(c),
                services.settings().mqtt().takeoverGrace());
        return false;
    }

    /** Recovered online: the predecessor's connection gets {@code mqtt.reattach-grace} to re-attach. */
    void recoveredOnline() {
        predecessorOnline = true;
        timers.startSingleTimer(SessionCommand.PredecessorConnectionLost.INSTANCE,
                services.settings().mqtt().reattachGrace());
    }

    /** An Attach arrived: true when it ends the wait for the predecessor's connection. */
    boolean predecessorAnswered() {
        if (!predecessorOnline) {
            return false;
        }
        predecessorOnline = false;
        timers.cancel(SessionCommand.PredecessorConnectionLost.INSTANCE);
        return true;
    }

    /** The re-attach grace ran out: true when the predecessor's connection is still awaited, and so lost. */
    boolean predecessorLost() {
        if (!predecessorOnline) {
            return false;
        }
        predecessorOnline = false;
        return true;
    }

    /** The connection's node was downed or removed (remote DeathWatch fires on removal). */
    private boolean nodeGone(Address node) {
        if (node.hasLocalScope()) {
            return false;
        }
        for (Member m : Cluster.get(ctx.getSystem()).state().getMembers()) {
            if (m.address().equals(node)) {
                return m.status() == MemberStatus.down() || m.status() == MemberStatus.removed();
            }
        }
        return true;
    }

    private static String lostTimerKey(ActorRef<ConnectionOutput> c) {
        return "connection-lost:" + c.path();
    }
}
