package dev.murmur.node.connection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.ActorRef;

/** The live connection stages of this node, so shutdown can reach every one of them. */
public final class ConnectionRegistry {
    private final Set<ActorRef> stages = ConcurrentHashMap.newKeySet();

    void register(ActorRef stage) {
        stages.add(stage);
    }

    void unregister(ActorRef stage) {
        stages.remove(stage);
    }

    public int size() {
        return stages.size();
    }

    /** Tells every live connection that the server is shutting down. */
    public void shutdownAll() {
        stages.forEach(s -> s.tell(ServerShutdown.INSTANCE, ActorRef.noSender()));
    }
}
