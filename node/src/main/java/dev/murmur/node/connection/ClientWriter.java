package dev.murmur.node.connection;

import dev.murmur.node.connection.ConnectionLogic.Phase;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.metrics.MessageCounters.DropReason;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.codec.MqttEncoder;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.Publish;
import java.nio.ByteBuffer;
import org.apache.pekko.util.ByteString;

/**
 * The write side of a connection: encodes packets for the client (outbound topic aliases, the
 * client's maximum packet size), counts them, and queues the bytes in the stage's
 * {@link OutboundBuffer}, which the stage flushes to the socket.
 */
final class ClientWriter {
    private ClientWriter() {
    }

    /** An outbound PUBLISH; dropped as if delivered when larger than the client allows (MQTT-3.1.2-25). */
    static void sendToClient(ConnectionLogic c, Publish p) {
        if (c.phase() == Phase.CLOSING) {
            return;
        }
        TopicAliases topicAliases = c.topicAliases();
        TopicAliases.Outbound alias = topicAliases.outbound(p.topic());
        Publish wire = alias == null ? p : new Publish(alias.sendTopic() ? p.topic() : "", p.qos(), p.retain(), p.dup(),
                p.packetId(), p.payload(), p.properties().toBuilder().topicAlias(alias.alias()).build());
        ByteBuffer buf = MqttEncoder.encode(wire, c.version(), c.clientMaxPacketSize());
        if (buf != null && alias != null) {
            topicAliases.commit(alias);
        }
        if (buf == null) {
            c.services().metrics().increment(Counter.MESSAGES_DROPPED_TOO_LARGE);
            c.services().metrics().messages().dropped(DropReason.TOO_LARGE, p.qos());
            if (p.qos() != QoS.AT_MOST_ONCE) {
                c.session().tell(new SessionCommand.DeliveryDropped(c.self(), p.packetId()));
            }
            c.session().tell(new SessionCommand.WriteCredit(c.self(), 1));
            return;
        }
        c.services().metrics().increment(Counter.MESSAGES_DELIVERED);
        c.services().metrics().messages().delivered(p.qos());
        enqueue(c, buf, true);
    }

    /** Any other packet; once the connection is closing, only its DISCONNECT still goes out. */
    static void send(ConnectionLogic c, MqttPacket p, boolean fromSession) {
        if (c.phase() == Phase.CLOSING && !(p instanceof Disconnect)) {
            return;
        }
        MqttVersion version = c.version();
        ByteBuffer buf = version == null ? MqttEncoder.encode(p, MqttVersion.V3_1_1)
                : MqttEncoder.encode(p, version, c.clientMaxPacketSize());
        if (buf != null) {
            if (p instanceof ConnAck a) {
                c.services().metrics().packets().connAckSent(a.reasonCode());
            } else if (p instanceof Disconnect d) {
                c.services().metrics().packets().disconnectSent(d.reasonCode());
            }
            enqueue(c, buf, fromSession);
        }
    }

    private static void enqueue(ConnectionLogic c, ByteBuffer buf, boolean fromSession) {
        // the type is the high nibble of the first byte: no need to thread it through every caller
        c.services().metrics().packets().sent(PacketType.ofValue((buf.get(buf.position()) >> 4) & 0x0F),
                buf.remaining());
        ByteString bytes = buf.hasArray() && buf.arrayOffset() == 0 && buf.position() == 0
                && buf.limit() == buf.array().length ? ByteString.fromArrayUnsafe(buf.array()) : ByteString.fromByteBuffer(buf);
        c.outbound().add(bytes, fromSession);
        c.services().metrics().increment(Counter.PACKETS_SENT);
        c.flush();
    }
}
