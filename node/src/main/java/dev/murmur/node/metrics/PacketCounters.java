package dev.murmur.node.metrics;

import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import java.util.concurrent.atomic.LongAdder;

/**
 * MQTT packets and their bytes by packet type in each direction, and the reason codes of the
 * CONNACKs and DISCONNECTs that pass. Arrays indexed by type value and reason-code ordinal, so
 * counting is one array read and one uncontended add: no map lookup, no allocation.
 */
public final class PacketCounters {
    /** Packet type values are four bits; index 0 (reserved) stays unused. */
    private static final int TYPES = 16;
    private static final int REASONS = ReasonCode.values().length;

    private final LongAdder[] packetsIn = adders(TYPES);
    private final LongAdder[] packetsOut = adders(TYPES);
    private final LongAdder[] bytesIn = adders(TYPES);
    private final LongAdder[] bytesOut = adders(TYPES);
    private final LongAdder[] connAckSent = adders(REASONS);
    private final LongAdder[] disconnectSent = adders(REASONS);
    private final LongAdder[] disconnectReceived = adders(REASONS);

    /** A packet decoded from a client, {@code bytes} long on the wire. */
    public void received(PacketType type, int bytes) {
        packetsIn[type.value()].increment();
        bytesIn[type.value()].add(bytes);
    }

    /** A packet encoded for a client, {@code bytes} long on the wire. */
    public void sent(PacketType type, int bytes) {
        packetsOut[type.value()].increment();
        bytesOut[type.value()].add(bytes);
    }

    public void connAckSent(ReasonCode code) {
        connAckSent[code.ordinal()].increment();
    }

    public void disconnectSent(ReasonCode code) {
        disconnectSent[code.ordinal()].increment();
    }

    public void disconnectReceived(ReasonCode code) {
        disconnectReceived[code.ordinal()].increment();
    }

    public long packetsIn(PacketType type) {
        return packetsIn[type.value()].sum();
    }

    public long packetsOut(PacketType type) {
        return packetsOut[type.value()].sum();
    }

    public long bytesIn(PacketType type) {
        return bytesIn[type.value()].sum();
    }

    public long bytesOut(PacketType type) {
        return bytesOut[type.value()].sum();
    }

    public long connAckSentCount(ReasonCode code) {
        return connAckSent[code.ordinal()].sum();
    }

    public long disconnectSentCount(ReasonCode code) {
        return disconnectSent[code.ordinal()].sum();
    }

    public long disconnectReceivedCount(ReasonCode code) {
        return disconnectReceived[code.ordinal()].sum();
    }

    static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }
}
