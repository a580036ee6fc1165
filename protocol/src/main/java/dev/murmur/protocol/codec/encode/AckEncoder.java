package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubComp;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.PubRel;
import dev.murmur.protocol.property.Properties;
import java.nio.ByteBuffer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * PUBACK, PUBREC, PUBREL and PUBCOMP, which share one layout: packet identifier, then in v5 a
 * reason code and properties. v5 uses the shortest form the spec allows (section 3.4.2.1,
 * 3.4.2.2.1): the reason code is left out when it is Success and there are no properties, the
 * property length when there are no properties. In 3.1/3.1.1 only the packet identifier exists.
 *
 * @param <P> one of the four acknowledgement records
 */
final class AckEncoder<P extends MqttPacket> extends PacketEncoder<P> {
    private static final int PACKET_ID_SIZE = 2;
    private static final int REASON_CODE_SIZE = 1;

    private final ToIntFunction<P> packetId;
    private final Function<P, ReasonCode> reasonCode;
    private final Function<P, Properties> properties;

    private AckEncoder(Class<P> packetClass, PacketType type, ToIntFunction<P> packetId,
                       Function<P, ReasonCode> reasonCode, Function<P, Properties> properties) {
        super(packetClass, type);
        this.packetId = packetId;
        this.reasonCode = reasonCode;
        this.properties = properties;
    }

    static AckEncoder<PubAck> pubAck() {
        return new AckEncoder<>(PubAck.class, PacketType.PUBACK, PubAck::packetId, PubAck::reasonCode,
                PubAck::properties);
    }

    static AckEncoder<PubRec> pubRec() {
        return new AckEncoder<>(PubRec.class, PacketType.PUBREC, PubRec::packetId, PubRec::reasonCode,
                PubRec::properties);
    }

    static AckEncoder<PubRel> pubRel() {
        return new AckEncoder<>(PubRel.class, PacketType.PUBREL, PubRel::packetId, PubRel::reasonCode,
                PubRel::properties);
    }

    static AckEncoder<PubComp> pubComp() {
        return new AckEncoder<>(PubComp.class, PacketType.PUBCOMP, PubComp::packetId, PubComp::reasonCode,
                PubComp::properties);
    }

    @Override
    long bodySize(P ack, MqttVersion version, int omit) {
        checkPacketId(packetId.applyAsInt(ack));
        if (!version.isV5()) {
            return PACKET_ID_SIZE;
        }
        int propertyLength = PropertyWriter.contentLength(properties.apply(ack), type(), omit);
        if (propertyLength == 0) {
            return reasonCode.apply(ack).value() == 0 ? PACKET_ID_SIZE : PACKET_ID_SIZE + REASON_CODE_SIZE;
        }
        return PACKET_ID_SIZE + REASON_CODE_SIZE + PropertyWriter.sectionSize(propertyLength);
    }

    @Override
    void write(P ack, MqttVersion version, int omit, ByteBuffer out) {
        WireWriter.writeTwoByte(out, packetId.applyAsInt(ack));
        if (!version.isV5()) {
            return;
        }
        int code = reasonCode.apply(ack).value();
        Properties props = properties.apply(ack);
        int propertyLength = PropertyWriter.contentLength(props, type(), omit);
        if (propertyLength > 0 || code != 0) {
            out.put((byte) code);
        }
        if (propertyLength > 0) {
            PropertyWriter.writeSection(out, props, propertyLength, omit);
        }
    }
}
