package dev.murmur.node.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.ORMultiMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * The start-up read of a node's route index (issue 10), run inside {@link RouteIndexReplica}. A
 * node that joins or restarts gets the routes written before it only from gossip; until then
 * it would route publishes, and the wills of sessions woken on it, without them. So once the
 * node is Up every key is read from a majority of the nodes ({@code ReadMajority}, which also
 * repairs this node's replicator), diffed into the view, and whoever asked hears
 * {@link RouteIndexCommand.Loaded}. The answers come through a child of their own, so they
 * never mix with the replica's local reads.
 */
final class RouteIndexLoad {
    private final ActorContext<RouteIndexCommand> ctx;
    private final LocalRouteView view;
    private final ActorRef<Replicator.Command> replicator;
    private final List<Key<ORMultiMap<String, Integer>>> keys;
    private final ToIntFunction<String> keyIndexOf;
    private final Duration readTimeout;
    private final List<ActorRef<RouteIndexCommand.Loaded>> waiting = new ArrayList<>();
    private ActorRef<Replicator.GetResponse<ORMultiMap<String, Integer>>> replies;
    private boolean up;
    private boolean started;
    private RouteIndexCommand.Loaded result;
    private int left;
    private int failed;

    RouteIndexLoad(ActorContext<RouteIndexCommand> ctx, LocalRouteView view, ActorRef<Replicator.Command> replicator,
                   List<Key<ORMultiMap<String, Integer>>> keys, ToIntFunction<String> keyIndexOf,
                   Duration readTimeout) {
        this.ctx = ctx;
        this.view = view;
        this.replicator = replicator;
        this.keys = keys;
        this.keyIndexOf = keyIndexOf;
        this.readTimeout = readTimeout;
    }

    void requested(ActorRef<RouteIndexCommand.Loaded> replyTo) {
        if (result != null) {
            replyTo.tell(result);
            return;
        }
        waiting.add(replyTo);
        startIfReady();
    }

    void selfUp() {
        up = true;
        startIfReady();
    }

    private void startIfReady() {
        if (!up || started || waiting.isEmpty()) {
            return;
        }
        started = true;
        left = keys.size();
        ActorRef<RouteIndexCommand> replica = ctx.getSelf();
        Behavior<Replicator.GetResponse<ORMultiMap<String, Integer>>> forward = Behaviors.receiveMessage(r -> {
            replica.tell(new RouteIndexCommand.KeyLoaded(r));
            return Behaviors.same();
        });
        replies = ctx.spawnAnonymous(forward);
        Replicator.ReadConsistency majority = new Replicator.ReadMajority(readTimeout);
        for (Key<ORMultiMap<String, Integer>> key : keys) {
            replicator.tell(new Replicator.Get<>(key, majority, replies));
        }
    }

    void keyLoaded(RouteIndexCommand.KeyLoaded loaded) {
        if (result != null) {
            return;
        }
        Replicator.GetResponse<ORMultiMap<String, Integer>> r = loaded.response();
        if (r instanceof Replicator.GetSuccess<ORMultiMap<String, Integer>> ok) {
            view.keyChanged(keyIndexOf.applyAsInt(r.key().id()), ok.dataValue());
        } else if (r instanceof Replicator.GetFailure<ORMultiMap<String, Integer>>) {
            failed++; // no majority in time: this key's older routes come by gossip
        }
        if (--left == 0) {
            result = new RouteIndexCommand.Loaded(keys.size(), failed, view.size());
            ctx.stop(replies);
            waiting.forEach(w -> w.tell(result));
            waiting.clear();
        }
    }
}
