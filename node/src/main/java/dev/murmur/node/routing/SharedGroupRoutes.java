package dev.murmur.node.routing;

import dev.murmur.node.session.ShardMessage;
import dev.murmur.protocol.topic.TopicTrie;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The shared subscription groups registered with one shard hub: filter → group entity. A group
 * that passivates and comes back registers a new actor, so removals name the incarnation they
 * mean and a late removal from an old one changes nothing.
 */
final class SharedGroupRoutes {
    private final TopicTrie<Entry> trie = new TopicTrie<>();
    private final Map<String, Entry> byShareFilter = new HashMap<>();

    private record Entry(String shareFilter, ActorRef<ShardMessage> group) {
    }

    /** Registers or replaces a group; true when its share filter was not registered before. */
    boolean add(String filter, String shareFilter, ActorRef<ShardMessage> group) {
        Entry e = new Entry(shareFilter, group);
        Entry old = byShareFilter.put(shareFilter, e);
        if (old != null) {
            trie.remove(filter, old);
        }
        trie.add(filter, e);
        return old == null;
    }

    /** Removes the group if {@code group} is its registered incarnation; true when removed. */
    boolean remove(String filter, String shareFilter, ActorRef<ShardMessage> group) {
        Entry e = byShareFilter.get(shareFilter);
        if (e == null || !e.group().equals(group)) {
            return false;
        }
        byShareFilter.remove(shareFilter);
        trie.remove(filter, e);
        return true;
    }

    /** Hands {@code msg} to every group whose filter matches its topic: each picks one member. */
    void route(RoutedMessage msg) {
        if (!byShareFilter.isEmpty()) {
            trie.match(msg.topic(), e -> e.group().tell(new SharedGroupCommand.Route(msg)));
        }
    }
}
