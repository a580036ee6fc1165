package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.packet.Unsubscribe;
import java.nio.ByteBuffer;
import java.util.List;

/** UNSUBSCRIBE (MQTT 5.0 section 3.10): packet identifier, v5 properties, topic filters. */
final class UnsubscribeEncoder extends PacketEncoder<Unsubscribe> {
    private static final int PACKET_ID_SIZE = 2;

    UnsubscribeEncoder() {
        super(Unsubscribe.class, PacketType.UNSUBSCRIBE);
    }

    @Override
    long bodySize(Unsubscribe u, MqttVersion version, int omit) {
        checkPacketId(u.packetId());
        long size = PACKET_ID_SIZE;
        if (version.isV5()) {
            size += PropertyWriter.sectionSize(u.properties(), PacketType.UNSUBSCRIBE, omit);
        }
        List<String> filters = u.topicFilters();
        for (int i = 0, n = filters.size(); i < n; i++) {
            size += WireWriter.utf8Size(filters.get(i));
        }
        return size;
    }

    @Override
    void write(Unsubscribe u, MqttVersion version, int omit, ByteBuffer out) {
        WireWriter.writeTwoByte(out, u.packetId());
        if (version.isV5()) {
            PropertyWriter.write(out, u.properties(), PacketType.UNSUBSCRIBE, omit);
        }
        List<String> filters = u.topicFilters();
        for (int i = 0, n = filters.size(); i < n; i++) {
            WireWriter.writeUtf8(out, filters.get(i));
        }
    }
}
