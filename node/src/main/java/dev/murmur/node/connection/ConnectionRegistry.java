package dev.murmur.node.connection;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.apache.pekko.actor.ActorRef;

/**
 * The live connection stages of this node, so shutdown can reach every one of them, and the
 * connected clients among them by client id (sorted, so the admin API pages by prefix without
 * copying the whole table).
 */
public final class ConnectionRegistry {
    private final Set<ActorRef> stages = ConcurrentHashMap.newKeySet();
    private final ConcurrentSkipListMap<String, Entry> clients = new ConcurrentSkipListMap<>();
    private final Map<ActorRef, Entry> byStage = new ConcurrentHashMap<>();

    /** A connected client and the stage that serves it. */
    private record Entry(ClientConnection client, ActorRef stage) {
    }

    void register(ActorRef stage) {
        stages.add(stage);
    }

    /** The stage completed CONNECT: the client becomes visible to the admin API. */
    void connected(ActorRef stage, ClientConnection client) {
        Entry e = new Entry(client, stage);
        byStage.put(stage, e);
        clients.put(client.clientId(), e); // a takeover on this node replaces the old entry
    }

    void unregister(ActorRef stage) {
        stages.remove(stage);
        Entry e = byStage.remove(stage);
        if (e != null) {
            clients.remove(e.client().clientId(), e); // only if no newer connection took the id
        }
    }

    public int size() {
        return stages.size();
    }

    /** Clients that completed CONNECT and are still connected. */
    public int clientCount() {
        return clients.size();
    }

    public Optional<ClientConnection> client(String clientId) {
        Entry e = clients.get(clientId);
        return e == null ? Optional.empty() : Optional.of(e.client());
    }

    /** Connected clients whose id starts with {@code prefix}, in client id order, read lazily. */
    public Stream<ClientConnection> clientsWithPrefix(String prefix) {
        ConcurrentNavigableMap<String, Entry> range = prefix.isEmpty() ? clients
                : clients.subMap(prefix, true, prefix + Character.MAX_VALUE, true);
        return range.values().stream().map(Entry::client);
    }

    /** Tells the client's connection to leave (v5 DISCONNECT 0x98); false when it is not connected here. */
    public boolean disconnect(String clientId) {
        Entry e = clients.get(clientId);
        if (e == null) {
            return false;
        }
        e.stage().tell(AdminDisconnect.INSTANCE, ActorRef.noSender());
        return true;
    }

    /** Tells every live connection that the server is shutting down. */
    public void shutdownAll() {
        stages.forEach(s -> s.tell(ServerShutdown.INSTANCE, ActorRef.noSender()));
    }
}
