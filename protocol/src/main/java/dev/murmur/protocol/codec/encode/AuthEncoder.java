package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.packet.Auth;
import java.nio.ByteBuffer;

/**
 * AUTH (MQTT 5.0 section 3.15), which exists only in v5: reason code and properties, both left
 * out when the code is Success and there are no properties (section 3.15.2.1). Unlike
 * DISCONNECT the spec gives AUTH no form without the property length once a reason code is
 * written, so a property length of 0 follows a non-success code without properties.
 */
final class AuthEncoder extends PacketEncoder<Auth> {
    private static final int REASON_CODE_SIZE = 1;

    AuthEncoder() {
        super(Auth.class, PacketType.AUTH);
    }

    @Override
    long bodySize(Auth a, MqttVersion version, int omit) {
        if (!version.isV5()) {
            throw new IllegalArgumentException("AUTH does not exist in " + version);
        }
        int propertyLength = PropertyWriter.contentLength(a.properties(), PacketType.AUTH, omit);
        if (propertyLength == 0 && a.reasonCode().value() == 0) {
            return 0;
        }
        return REASON_CODE_SIZE + PropertyWriter.sectionSize(propertyLength);
    }

    @Override
    void write(Auth a, MqttVersion version, int omit, ByteBuffer out) {
        int propertyLength = PropertyWriter.contentLength(a.properties(), PacketType.AUTH, omit);
        if (propertyLength == 0 && a.reasonCode().value() == 0) {
            return;
        }
        out.put((byte) a.reasonCode().value());
        PropertyWriter.writeSection(out, a.properties(), propertyLength, omit);
    }
}
