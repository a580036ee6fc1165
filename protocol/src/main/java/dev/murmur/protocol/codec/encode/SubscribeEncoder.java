package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * SUBSCRIBE (MQTT 5.0 section 3.8): packet identifier, v5 properties, then per subscription its
 * topic filter and an options byte. Before v5 the options byte holds only the maximum QoS; the
 * v5 bits No Local, Retain As Published and Retain Handling are not written there.
 */
final class SubscribeEncoder extends PacketEncoder<Subscribe> {
    private static final int PACKET_ID_SIZE = 2;
    private static final int OPTIONS_SIZE = 1;
    private static final int NO_LOCAL = 0x04;
    private static final int RETAIN_AS_PUBLISHED = 0x08;
    private static final int RETAIN_HANDLING_SHIFT = 4;

    SubscribeEncoder() {
        super(Subscribe.class, PacketType.SUBSCRIBE);
    }

    @Override
    long bodySize(Subscribe s, MqttVersion version, int omit) {
        checkPacketId(s.packetId());
        long size = PACKET_ID_SIZE;
        if (version.isV5()) {
            size += PropertyWriter.sectionSize(s.properties(), PacketType.SUBSCRIBE, omit);
        }
        List<Subscription> subs = s.subscriptions();
        for (int i = 0, n = subs.size(); i < n; i++) {
            size += WireWriter.utf8Size(subs.get(i).topicFilter()) + OPTIONS_SIZE;
        }
        return size;
    }

    @Override
    void write(Subscribe s, MqttVersion version, int omit, ByteBuffer out) {
        WireWriter.writeTwoByte(out, s.packetId());
        if (version.isV5()) {
            PropertyWriter.write(out, s.properties(), PacketType.SUBSCRIBE, omit);
        }
        List<Subscription> subs = s.subscriptions();
        for (int i = 0, n = subs.size(); i < n; i++) {
            Subscription sub = subs.get(i);
            WireWriter.writeUtf8(out, sub.topicFilter());
            out.put((byte) (version.isV5() ? v5Options(sub) : sub.maxQos().value()));
        }
    }

    private static int v5Options(Subscription sub) {
        int options = sub.maxQos().value() | sub.retainHandling().value() << RETAIN_HANDLING_SHIFT;
        if (sub.noLocal()) {
            options |= NO_LOCAL;
        }
        if (sub.retainAsPublished()) {
            options |= RETAIN_AS_PUBLISHED;
        }
        return options;
    }
}
