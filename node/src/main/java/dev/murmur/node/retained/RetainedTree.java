package dev.murmur.node.retained;

import dev.murmur.node.routing.RoutedMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Retained messages by topic, as a tree of topic levels so a wildcard filter visits only the
 * branches it can match. Single-threaded (owned by {@link RetainedStore}).
 */
final class RetainedTree {
    private static final class Node {
        final Map<String, Node> children = new HashMap<>(4);
        RoutedMessage message;
    }

    private final Node root = new Node();
    private int size;

    int size() {
        return size;
    }

    /** Stores or replaces the retained message of its topic. */
    void put(RoutedMessage message) {
        Node n = root;
        for (String level : levels(message.topic())) {
            n = n.children.computeIfAbsent(level, l -> new Node());
        }
        if (n.message == null) {
            size++;
        }
        n.message = message;
    }

    /** Clears the retained message of a topic (MQTT-3.3.1-10/-11) and prunes empty branches. */
    void remove(String topic) {
        if (remove(root, levels(topic), 0)) {
            size--;
        }
    }

    private boolean remove(Node n, String[] levels, int i) {
        if (i == levels.length) {
            boolean had = n.message != null;
            n.message = null;
            return had;
        }
        Node child = n.children.get(levels[i]);
        if (child == null) {
            return false;
        }
        boolean removed = remove(child, levels, i + 1);
        if (child.message == null && child.children.isEmpty()) {
            n.children.remove(levels[i]);
        }
        return removed;
    }

    /** Every retained message whose topic matches {@code filter}, with the '$' rule (MQTT-4.7.2-1). */
    void match(String filter, Consumer<RoutedMessage> sink) {
        match(root, levels(filter), 0, sink);
    }

    private void match(Node n, String[] f, int i, Consumer<RoutedMessage> sink) {
        if (i == f.length) {
            if (n.message != null) {
                sink.accept(n.message);
            }
            return;
        }
        String level = f[i];
        if (level.equals("#")) {
            if (n.message != null && n != root) {
                sink.accept(n.message); // "a/#" also matches "a"
            }
            n.children.forEach((name, child) -> {
                if (!(i == 0 && name.startsWith("$"))) {
                    all(child, sink);
                }
            });
        } else if (level.equals("+")) {
            n.children.forEach((name, child) -> {
                if (!(i == 0 && name.startsWith("$"))) {
                    match(child, f, i + 1, sink);
                }
            });
        } else {
            Node child = n.children.get(level);
            if (child != null) {
                match(child, f, i + 1, sink);
            }
        }
    }

    /** Every retained message (snapshots). */
    void forEach(Consumer<RoutedMessage> sink) {
        all(root, sink);
    }

    private void all(Node n, Consumer<RoutedMessage> sink) {
        if (n.message != null) {
            sink.accept(n.message);
        }
        n.children.values().forEach(c -> all(c, sink));
    }

    private static String[] levels(String topic) {
        return topic.split("/", -1);
    }
}
