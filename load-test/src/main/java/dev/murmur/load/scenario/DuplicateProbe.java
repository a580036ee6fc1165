package dev.murmur.load.scenario;

import dev.murmur.load.verify.Payload;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.Publish;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Explains QoS 2 duplicates for the people fixing them: remembers how each subscriber's recent
 * QoS 2 deliveries arrived (packet id, DUP flag, when) and, for the first few duplicates of a
 * run, puts both arrivals on the timeline — a different packet id points at the broker
 * delivering a message twice, the same one at a retransmission the client should have absorbed.
 * Bounded: the last {@link #REMEMBERED} deliveries per subscriber, {@link #REPORTED} reports per run.
 */
final class DuplicateProbe {
    static final int REMEMBERED = 4_096;
    static final int REPORTED = 5;

    private final Consumer<String> note;
    private final long startNanos;
    private final AtomicInteger reported = new AtomicInteger();

    DuplicateProbe(Consumer<String> note, long startNanos) {
        this.note = note;
        this.startNanos = startNanos;
    }

    /** One subscriber's memory; confined to that client's event loop. */
    final class Memory {
        private final Map<Long, String> seen = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                return size() > REMEMBERED;
            }
        };

        void onDelivery(String clientId, Publish p, long nowNanos) {
            if (p.qos() != QoS.EXACTLY_ONCE || !Payload.isValid(p.payload()) || reported.get() >= REPORTED) {
                return;
            }
            int publisher = Payload.publisherId(p.payload());
            long seq = Payload.sequence(p.payload());
            String arrival = "packet " + p.packetId() + (p.dup() ? " (DUP)" : "") + " at "
                    + String.format(java.util.Locale.ROOT, "%.1f s", (nowNanos - startNanos) / 1e9);
            String first = seen.putIfAbsent(((long) publisher << 40) ^ seq, arrival);
            if (first != null && reported.incrementAndGet() <= REPORTED) {
                note.accept("QoS 2 duplicate at " + clientId + ": publisher " + publisher + " seq " + seq + ", first as "
                        + first + ", again as " + arrival);
            }
        }
    }

    Memory memory() {
        return new Memory();
    }
}
