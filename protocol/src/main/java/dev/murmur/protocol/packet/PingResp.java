package dev.murmur.protocol.packet;

import dev.murmur.protocol.PacketType;

/** PINGRESP: no variable header, no payload. */
public record PingResp() implements MqttPacket {
    /** The one instance the codec hands out. */
    public static final PingResp INSTANCE = new PingResp();

    @Override
    public PacketType type() {
        return PacketType.PINGRESP;
    }
}
