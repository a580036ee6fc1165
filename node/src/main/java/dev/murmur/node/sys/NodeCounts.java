package dev.murmur.node.sys;

import dev.murmur.persistence.serialization.MurmurSerializable;

/**
 * One node's client and message counts as it last reported them to the cluster ($SYS, issue 10):
 * gossiped in a Distributed Data map so any node can publish cluster-wide totals.
 *
 * @param node              the node's name ({@code murmur.node-name}), for its $SYS topics
 * @param clientsConnected  clients connected to that node now
 * @param messagesReceived  PUBLISH packets it accepted from clients since it started
 * @param messagesSent      PUBLISH packets it wrote to subscribers since it started
 * @param reportedAtMillis  wall time of the report; old reports (a dead node's) are ignored
 */
public record NodeCounts(String node, long clientsConnected, long messagesReceived, long messagesSent,
                         long reportedAtMillis) implements MurmurSerializable {

    /** The sum of {@code a} and {@code b} (name and time are meaningless on a total). */
    static NodeCounts plus(NodeCounts a, NodeCounts b) {
        return new NodeCounts("", a.clientsConnected + b.clientsConnected, a.messagesReceived + b.messagesReceived,
                a.messagesSent + b.messagesSent, Math.max(a.reportedAtMillis, b.reportedAtMillis));
    }

    static final NodeCounts ZERO = new NodeCounts("", 0, 0, 0, 0);
}
