package dev.murmur.node.connection;

import java.util.ArrayDeque;
import org.apache.pekko.util.ByteString;

/**
 * Encoded packets waiting for the socket. Bounded from both sides: the session hands over at
 * most its write window, and the stage stops reading the client while this holds too much.
 * Remembers how many of the queued packets came from the session, to return them as credit.
 */
final class OutboundBuffer {
    /** Starts small: an idle connection queues nothing, and the deque doubles under load. */
    private final ArrayDeque<ByteString> packets = new ArrayDeque<>(2);
    private int sessionPackets;

    void add(ByteString packet, boolean fromSession) {
        packets.addLast(packet);
        if (fromSession) {
            sessionPackets++;
        }
    }

    boolean isEmpty() {
        return packets.isEmpty();
    }

    int size() {
        return packets.size();
    }

    /** Everything queued, as one ByteString (a rope: no copy) so the socket sees one write. */
    ByteString drain() {
        ByteString all = packets.pollFirst();
        while (!packets.isEmpty()) {
            all = all.concat(packets.pollFirst());
        }
        return all;
    }

    /** Session packets drained since the last call: the credit to give back. */
    int takeSessionCredit() {
        int n = sessionPackets;
        sessionPackets = 0;
        return n;
    }
}
