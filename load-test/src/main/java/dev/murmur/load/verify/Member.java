package dev.murmur.load.verify;

/**
 * One subscriber connection (or persistent session) of a {@link Receiver}: it sees the payloads
 * as they arrive and judges their order per publisher. A message is out of order when it is
 * new to the receiver but its sequence number is below one this member already saw.
 */
public final class Member {
    private final Receiver receiver;
    private final Verifier verifier;
    private long[] lastSequence = new long[0];

    Member(Receiver receiver, Verifier verifier) {
        this.receiver = receiver;
        this.verifier = verifier;
    }

    /**
     * Handles one delivered payload at {@code nowNanos}. Latency runs from the payload's send
     * time, or from {@code originNanos} when that is not negative (retained messages, whose
     * latency is measured from the SUBSCRIBE that asked for them).
     */
    public synchronized void onMessage(byte[] payload, long nowNanos, long originNanos) {
        if (!Payload.isValid(payload)) {
            receiver.countMalformed();
            return;
        }
        int publisherId = Payload.publisherId(payload);
        long seq = Payload.sequence(payload);
        int qos = Payload.qos(payload);
        if (publisherId < 0 || seq < 0) {
            receiver.countMalformed();
            return;
        }
        if (!receiver.record(publisherId, seq, qos)) {
            return;
        }
        if (publisherId >= lastSequence.length) {
            int n = Math.max(publisherId + 1, lastSequence.length * 2);
            long[] bigger = java.util.Arrays.copyOf(lastSequence, n);
            java.util.Arrays.fill(bigger, lastSequence.length, n, -1L);
            lastSequence = bigger;
        }
        if (seq < lastSequence[publisherId]) {
            receiver.countOutOfOrder(qos, publisherId, seq);
        } else {
            lastSequence[publisherId] = seq;
        }
        long sendNanos = Payload.sendNanos(payload);
        long origin = originNanos >= 0 ? originNanos : sendNanos;
        boolean measured = sendNanos >= verifier.measureFromNanos();
        verifier.live().recordDelivered(qos, measured ? Math.max(0, nowNanos - origin) : -1);
    }
}
