package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.UnsubAck;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * UNSUBACK (MQTT 5.0 section 3.11): packet identifier, then in v5 properties and one reason
 * code per topic filter. In 3.1/3.1.1 it is the packet identifier alone.
 */
final class UnsubAckEncoder extends PacketEncoder<UnsubAck> {
    private static final int PACKET_ID_SIZE = 2;

    UnsubAckEncoder() {
        super(UnsubAck.class, PacketType.UNSUBACK);
    }

    @Override
    long bodySize(UnsubAck ack, MqttVersion version, int omit) {
        checkPacketId(ack.packetId());
        if (!version.isV5()) {
            return PACKET_ID_SIZE;
        }
        return PACKET_ID_SIZE + PropertyWriter.sectionSize(ack.properties(), PacketType.UNSUBACK, omit)
                + ack.reasonCodes().size();
    }

    @Override
    void write(UnsubAck ack, MqttVersion version, int omit, ByteBuffer out) {
        WireWriter.writeTwoByte(out, ack.packetId());
        if (!version.isV5()) {
            return;
        }
        PropertyWriter.write(out, ack.properties(), PacketType.UNSUBACK, omit);
        List<ReasonCode> codes = ack.reasonCodes();
        for (int i = 0, n = codes.size(); i < n; i++) {
            out.put((byte) codes.get(i).value());
        }
    }
}
