package dev.murmur.node.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed connections by why they ended. The reasons are the fixed strings the connection code
 * passes (client_disconnect, keep_alive_timeout, protocol_violation, ...), so the label stays
 * low-cardinality while other features can add reasons without touching this class.
 */
public final class CloseReasons {
    /** Reasons exported from the start (at zero), so dashboards and alerts find the series. */
    private static final String[] KNOWN = {"client_disconnect", "peer_closed", "socket_closed", "keep_alive_timeout",
        "connect_timeout", "protocol_violation", "kicked", "admin_kick", "server_shutdown"};

    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();

    public CloseReasons() {
        for (String r : KNOWN) {
            byReason.put(r, new LongAdder());
        }
    }

    public void closed(String reason) {
        byReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public long count(String reason) {
        LongAdder a = byReason.get(reason);
        return a == null ? 0 : a.sum();
    }

    /** Every reason seen so far with its count, sorted by reason. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        byReason.forEach((r, a) -> m.put(r, a.sum()));
        return m;
    }
}
