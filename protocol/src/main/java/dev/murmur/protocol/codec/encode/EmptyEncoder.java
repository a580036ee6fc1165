package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.PingReq;
import dev.murmur.protocol.packet.PingResp;
import java.nio.ByteBuffer;

/**
 * PINGREQ and PINGRESP: a fixed header with remaining length 0 in every version.
 *
 * @param <P> the ping record
 */
final class EmptyEncoder<P extends MqttPacket> extends PacketEncoder<P> {

    private EmptyEncoder(Class<P> packetClass, PacketType type) {
        super(packetClass, type);
    }

    static EmptyEncoder<PingReq> pingReq() {
        return new EmptyEncoder<>(PingReq.class, PacketType.PINGREQ);
    }

    static EmptyEncoder<PingResp> pingResp() {
        return new EmptyEncoder<>(PingResp.class, PacketType.PINGRESP);
    }

    @Override
    long bodySize(P packet, MqttVersion version, int omit) {
        return 0;
    }

    @Override
    void write(P packet, MqttVersion version, int omit, ByteBuffer out) {
        // nothing after the fixed header
    }
}
