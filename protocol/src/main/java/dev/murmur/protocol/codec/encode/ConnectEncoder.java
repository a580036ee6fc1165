package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Will;
import java.nio.ByteBuffer;

/**
 * CONNECT (MQTT 5.0 section 3.1, 3.1.1 section 3.1): protocol name and level, connect flags,
 * keep alive, v5 properties; payload client id, v5 will properties, will topic and payload,
 * user name, password. Flags are written as the fields say; cross-field rules such as "no
 * password without a user name" in 3.1.1 (MQTT-3.1.2-22) are the sender's to respect.
 */
final class ConnectEncoder extends PacketEncoder<Connect> {
    private static final int USERNAME_FLAG = 0x80;
    private static final int PASSWORD_FLAG = 0x40;
    private static final int WILL_RETAIN_FLAG = 0x20;
    private static final int WILL_QOS_SHIFT = 3;
    private static final int WILL_FLAG = 0x04;
    private static final int CLEAN_START_FLAG = 0x02;
    /** Protocol level byte, connect flags byte and the two-byte keep alive. */
    private static final int FIXED_FIELDS = 4;

    ConnectEncoder() {
        super(Connect.class, PacketType.CONNECT);
    }

    @Override
    long bodySize(Connect c, MqttVersion version, int omit) {
        if (c.version() != version) {
            throw new IllegalArgumentException("CONNECT for " + c.version() + " encoded as " + version);
        }
        checkTwoByte("keep alive", c.keepAliveSeconds());
        long size = WireWriter.utf8Size(version.protocolName()) + FIXED_FIELDS;
        if (version.isV5()) {
            size += PropertyWriter.sectionSize(c.properties(), PacketType.CONNECT, omit);
        }
        size += WireWriter.utf8Size(c.clientId());
        Will will = c.will();
        if (will != null) {
            if (version.isV5()) {
                size += PropertyWriter.willSectionSize(will.properties());
            }
            size += WireWriter.utf8Size(will.topic()) + WireWriter.binarySize(will.payload());
        }
        if (c.username() != null) {
            size += WireWriter.utf8Size(c.username());
        }
        if (c.password() != null) {
            size += WireWriter.binarySize(c.password());
        }
        return size;
    }

    @Override
    void write(Connect c, MqttVersion version, int omit, ByteBuffer out) {
        WireWriter.writeUtf8(out, version.protocolName());
        out.put((byte) version.level());
        out.put((byte) connectFlags(c));
        WireWriter.writeTwoByte(out, c.keepAliveSeconds());
        if (version.isV5()) {
            PropertyWriter.write(out, c.properties(), PacketType.CONNECT, omit);
        }
        WireWriter.writeUtf8(out, c.clientId());
        Will will = c.will();
        if (will != null) {
            if (version.isV5()) {
                PropertyWriter.writeWill(out, will.properties());
            }
            WireWriter.writeUtf8(out, will.topic());
            WireWriter.writeBinary(out, will.payload());
        }
        if (c.username() != null) {
            WireWriter.writeUtf8(out, c.username());
        }
        if (c.password() != null) {
            WireWriter.writeBinary(out, c.password());
        }
    }

    private static int connectFlags(Connect c) {
        int flags = 0;
        if (c.username() != null) {
            flags |= USERNAME_FLAG;
        }
        if (c.password() != null) {
            flags |= PASSWORD_FLAG;
        }
        Will will = c.will();
        if (will != null) {
            flags |= WILL_FLAG | will.qos().value() << WILL_QOS_SHIFT;
            if (will.retain()) {
                flags |= WILL_RETAIN_FLAG;
            }
        }
        if (c.cleanStart()) {
            flags |= CLEAN_START_FLAG;
        }
        return flags;
    }
}
