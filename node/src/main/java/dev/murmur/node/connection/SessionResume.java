package dev.murmur.node.connection;

import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.SessionCommand;
import java.util.Map;
import java.util.Set;

/**
 * A connection whose persistent session moved to another node (or was re-homed after its node
 * died) attaches to the successor without the client noticing. The successor recovered from the
 * journal; what the old entity had not yet kept of the inbound QoS 2 exchange is told again, so
 * both sides agree on which packet ids await PUBREL (MQTT-4.3.3-10).
 */
final class SessionResume {
    private SessionResume() {
    }

    static void reattached(ConnectionLogic c, ConnectionOutput.Attached a) {
        if (!a.sessionPresent()) {
            c.end().sessionNotResumed();
            return;
        }
        c.connectFlow().adoptSession(a.session());
        Set<Integer> mine = c.inboundQos2();
        HandOffs handOffs = c.handOffs();
        for (int packetId : a.pendingInboundQos2()) {
            if (!mine.contains(packetId) && !handOffs.awaitingRecord(packetId) && !handOffs.waitingFor(packetId)) {
                // PUBREL arrived here, its Released was lost with the old entity
                c.session().tell(new SessionCommand.InboundQos2Released(c.self(), packetId));
            }
        }
        for (int packetId : mine) {
            if (!a.pendingInboundQos2().contains(packetId)) {
                c.session().tell(new SessionCommand.InboundQos2Stored(c.self(), packetId, 0)); // routed already
            }
        }
        for (Map.Entry<Integer, HandOffs.Accepted> e : handOffs.awaitingRecord().entrySet()) {
            // not known to be kept: keep it now; the answer starts its routing (a late answer from
            // the old entity may come first, and the second then finds nothing waiting)
            c.session().tell(new SessionCommand.InboundQos2Stored(c.self(), e.getKey(), e.getValue().handOffId()));
        }
        c.resumeInput();
    }
}
