package dev.murmur.protocol.packet;

import dev.murmur.protocol.PacketType;

/** PINGREQ: no variable header, no payload. */
public record PingReq() implements MqttPacket {
    /** The one instance the codec hands out. */
    public static final PingReq INSTANCE = new PingReq();

    @Override
    public PacketType type() {
        return PacketType.PINGREQ;
    }
}
