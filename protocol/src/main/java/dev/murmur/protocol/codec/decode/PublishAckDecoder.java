package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubComp;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.PubRel;
import dev.murmur.protocol.property.Properties;

/**
 * The four QoS acknowledgements PUBACK, PUBREC, PUBREL and PUBCOMP (MQTT 5.0 sections 3.4-3.7),
 * which share one layout: packet identifier, then in v5 an optional reason code and optional
 * properties. One instance per type, each with its own reason code table.
 *
 * <p>In v5 the reason code and property length may be omitted (3.4.2.1): a remaining length of 2
 * means SUCCESS without properties, 3 means a reason code without properties. In 3.1/3.1.1 the
 * remaining length must be exactly 2.
 */
final class PublishAckDecoder implements BodyDecoder {
    static final PublishAckDecoder PUBACK = new PublishAckDecoder(PacketType.PUBACK, ReasonCodes.PUBACK, PubAck::new);
    static final PublishAckDecoder PUBREC = new PublishAckDecoder(PacketType.PUBREC, ReasonCodes.PUBREC, PubRec::new);
    static final PublishAckDecoder PUBREL = new PublishAckDecoder(PacketType.PUBREL, ReasonCodes.PUBREL, PubRel::new);
    static final PublishAckDecoder PUBCOMP =
            new PublishAckDecoder(PacketType.PUBCOMP, ReasonCodes.PUBCOMP, PubComp::new);

    /** Builds the packet record of one acknowledgement type. */
    @FunctionalInterface
    private interface Factory {
        MqttPacket create(int packetId, ReasonCode reasonCode, Properties properties);
    }

    private final PacketType type;
    private final String name;
    private final ReasonCode[] reasonCodes;
    private final Factory factory;

    private PublishAckDecoder(PacketType type, ReasonCode[] reasonCodes, Factory factory) {
        this.type = type;
        this.name = type.name();
        this.reasonCodes = reasonCodes;
        this.factory = factory;
    }

    @Override
    public DecodeResult decode(WireReader in, int flags, MqttVersion version, boolean fromClient) {
        int packetId = in.readPacketId();
        ReasonCode reasonCode = ReasonCode.SUCCESS;
        Properties properties = Properties.EMPTY;
        if (version.isV5() && in.hasRemaining()) {
            reasonCode = ReasonCodes.lookup(in, reasonCodes, in.readByte(name, "reason code"), name);
            if (in.hasRemaining()) {
                properties = PropertyReader.read(in, type);
            }
        }
        if (in.failIfTrailing(name) != null) {
            return in.failure();
        }
        return new DecodeResult.Decoded(factory.create(packetId, reasonCode, properties));
    }
}
