package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.SubAck;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * SUBACK (MQTT 5.0 section 3.9): packet identifier, v5 properties, one reason code per
 * subscription. Before v5 the payload holds return codes: the granted QoS 0-2, or 0x80 for any
 * failure (MQTT 3.1.1 section 3.9.3).
 */
final class SubAckEncoder extends PacketEncoder<SubAck> {
    /** The one v3 failure return code. */
    static final int V3_FAILURE = 0x80;

    private static final int PACKET_ID_SIZE = 2;
    private static final int MAX_GRANTED_QOS = 2;

    SubAckEncoder() {
        super(SubAck.class, PacketType.SUBACK);
    }

    @Override
    long bodySize(SubAck ack, MqttVersion version, int omit) {
        checkPacketId(ack.packetId());
        List<ReasonCode> codes = ack.reasonCodes();
        if (!version.isV5()) {
            for (int i = 0, n = codes.size(); i < n; i++) {
                v3ReturnCode(codes.get(i));
            }
            return PACKET_ID_SIZE + codes.size();
        }
        return PACKET_ID_SIZE + PropertyWriter.sectionSize(ack.properties(), PacketType.SUBACK, omit) + codes.size();
    }

    @Override
    void write(SubAck ack, MqttVersion version, int omit, ByteBuffer out) {
        WireWriter.writeTwoByte(out, ack.packetId());
        if (version.isV5()) {
            PropertyWriter.write(out, ack.properties(), PacketType.SUBACK, omit);
        }
        List<ReasonCode> codes = ack.reasonCodes();
        for (int i = 0, n = codes.size(); i < n; i++) {
            ReasonCode code = codes.get(i);
            out.put((byte) (version.isV5() ? code.value() : v3ReturnCode(code)));
        }
    }

    /** Granted QoS n to n, any failure to 0x80; other success codes have no v3 meaning. */
    static int v3ReturnCode(ReasonCode code) {
        if (code.isError()) {
            return V3_FAILURE;
        }
        if (code.value() > MAX_GRANTED_QOS) {
            throw new IllegalArgumentException("not a SUBACK reason code: " + code);
        }
        return code.value();
    }
}
