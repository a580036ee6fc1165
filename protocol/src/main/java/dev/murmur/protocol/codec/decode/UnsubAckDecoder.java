package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.packet.UnsubAck;
import dev.murmur.protocol.property.Properties;
import java.util.List;

/**
 * UNSUBACK (MQTT 5.0 section 3.11, 3.1.1 section 3.11), server to client. In 3.1/3.1.1 it carries
 * only the packet identifier (remaining length exactly 2) and decodes with an empty code list; in
 * v5 properties and one reason code per topic filter follow.
 */
final class UnsubAckDecoder {
    private static final String PACKET = "UNSUBACK";

    private UnsubAckDecoder() {
    }

    static DecodeResult decode(WireReader in, int flags, MqttVersion version, boolean fromClient) {
        int packetId = in.readPacketId();
        if (!version.isV5()) {
            if (in.failIfTrailing(PACKET) != null) {
                return in.failure();
            }
            return new DecodeResult.Decoded(new UnsubAck(packetId, List.of(), Properties.EMPTY));
        }
        Properties properties = PropertyReader.read(in, PacketType.UNSUBACK);
        if (in.failed()) {
            return in.failure();
        }
        List<ReasonCode> codes = SubAckDecoder.readCodes(in, ReasonCodes.UNSUBACK, PACKET);
        if (codes == null) {
            return in.failure();
        }
        return new DecodeResult.Decoded(new UnsubAck(packetId, codes, properties));
    }
}
