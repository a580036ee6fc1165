package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.packet.Disconnect;
import java.nio.ByteBuffer;

/**
 * DISCONNECT (MQTT 5.0 section 3.14): reason code and properties in v5, in the shortest form
 * allowed: nothing for Normal disconnection without properties, the reason code alone without
 * properties (section 3.14.2.1, 3.14.2.2.1). Empty in 3.1/3.1.1.
 */
final class DisconnectEncoder extends PacketEncoder<Disconnect> {
    private static final int REASON_CODE_SIZE = 1;

    DisconnectEncoder() {
        super(Disconnect.class, PacketType.DISCONNECT);
    }

    @Override
    long bodySize(Disconnect d, MqttVersion version, int omit) {
        if (!version.isV5()) {
            return 0;
        }
        int propertyLength = PropertyWriter.contentLength(d.properties(), PacketType.DISCONNECT, omit);
        if (propertyLength == 0) {
            return d.reasonCode().value() == 0 ? 0 : REASON_CODE_SIZE;
        }
        return REASON_CODE_SIZE + PropertyWriter.sectionSize(propertyLength);
    }

    @Override
    void write(Disconnect d, MqttVersion version, int omit, ByteBuffer out) {
        if (!version.isV5()) {
            return;
        }
        int code = d.reasonCode().value();
        int propertyLength = PropertyWriter.contentLength(d.properties(), PacketType.DISCONNECT, omit);
        if (propertyLength > 0 || code != 0) {
            out.put((byte) code);
        }
        if (propertyLength > 0) {
            PropertyWriter.writeSection(out, d.properties(), propertyLength, omit);
        }
    }
}
