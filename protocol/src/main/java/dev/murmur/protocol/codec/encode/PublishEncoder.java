package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.Publish;
import java.nio.ByteBuffer;

/**
 * PUBLISH (MQTT 5.0 section 3.3): DUP, QoS and RETAIN in the fixed-header flags; topic name,
 * packet identifier only when QoS is above 0 (MQTT-2.2.1-2), v5 properties, then the payload.
 */
final class PublishEncoder extends PacketEncoder<Publish> {
    private static final int DUP_FLAG = 0x08;
    private static final int QOS_SHIFT = 1;
    private static final int RETAIN_FLAG = 0x01;
    private static final int PACKET_ID_SIZE = 2;

    PublishEncoder() {
        super(Publish.class, PacketType.PUBLISH);
    }

    @Override
    int flags(Publish p) {
        int flags = p.qos().value() << QOS_SHIFT;
        if (p.dup()) {
            flags |= DUP_FLAG;
        }
        if (p.retain()) {
            flags |= RETAIN_FLAG;
        }
        return flags;
    }

    @Override
    long bodySize(Publish p, MqttVersion version, int omit) {
        long size = WireWriter.utf8Size(p.topic());
        if (p.qos() != QoS.AT_MOST_ONCE) {
            checkPacketId(p.packetId());
            size += PACKET_ID_SIZE;
        }
        if (version.isV5()) {
            size += PropertyWriter.sectionSize(p.properties(), PacketType.PUBLISH, omit);
        }
        return size + p.payload().length;
    }

    @Override
    void write(Publish p, MqttVersion version, int omit, ByteBuffer out) {
        WireWriter.writeUtf8(out, p.topic());
        if (p.qos() != QoS.AT_MOST_ONCE) {
            WireWriter.writeTwoByte(out, p.packetId());
        }
        if (version.isV5()) {
            PropertyWriter.write(out, p.properties(), PacketType.PUBLISH, omit);
        }
        out.put(p.payload());
    }

    @Override
    void write(Publish p, MqttVersion version, int omit, int remaining, ByteBuffer out) {
        if (!version.isV5()) {
            write(p, version, omit, out);
            return;
        }
        int start = out.position();
        WireWriter.writeUtf8(out, p.topic());
        if (p.qos() != QoS.AT_MOST_ONCE) {
            WireWriter.writeTwoByte(out, p.packetId());
        }
        // Everything but the property section is known now, so its size follows from the
        // remaining length without walking the properties again.
        int section = remaining - (out.position() - start) - p.payload().length;
        PropertyWriter.writeSection(out, p.properties(), PropertyWriter.contentLengthOfSection(section), omit);
        out.put(p.payload());
    }
}
