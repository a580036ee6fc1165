package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.property.Properties;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBACK (MQTT 5.0 section 3.9), server to client: packet identifier, v5 properties, then one
 * reason code per topic filter of the SUBSCRIBE, so at least one. In 3.1.1 the failure code 0x80
 * is decoded as UNSPECIFIED_ERROR.
 */
final class SubAckDecoder {
    private static final String PACKET = "SUBACK";

    private SubAckDecoder() {
    }

    static DecodeResult decode(WireReader in, int flags, MqttVersion version, boolean fromClient) {
        int packetId = in.readPacketId();
        Properties properties = version.isV5() ? PropertyReader.read(in, PacketType.SUBACK) : Properties.EMPTY;
        if (in.failed()) {
            return in.failure();
        }
        List<ReasonCode> codes = readCodes(in, version.isV5() ? ReasonCodes.SUBACK : ReasonCodes.SUBACK_V3, PACKET);
        if (codes == null) {
            return in.failure();
        }
        return new DecodeResult.Decoded(new SubAck(packetId, codes, properties));
    }

    /**
     * Reads reason codes until the end of the packet, at least one (a SUBACK or v5 UNSUBACK
     * answers every filter of a request that had at least one); null after recording a failure.
     */
    static List<ReasonCode> readCodes(WireReader in, ReasonCode[] table, String packet) {
        if (!in.hasRemaining()) {
            in.fail(ReasonCode.PROTOCOL_ERROR, packet + ": no reason codes");
            return null;
        }
        List<ReasonCode> codes = new ArrayList<>(in.remaining());
        while (in.hasRemaining()) {
            ReasonCode code = ReasonCodes.lookup(in, table, in.readByte(packet, "reason code"), packet);
            if (code == null) {
                return null;
            }
            codes.add(code);
        }
        return codes;
    }
}
