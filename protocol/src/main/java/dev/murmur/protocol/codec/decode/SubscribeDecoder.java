package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.packet.RetainHandling;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE (MQTT 5.0 section 3.8, 3.1.1 section 3.8), client to server. Structural errors win
 * over an invalid topic filter: the whole packet is read first, so a truncated packet reports
 * Malformed Packet even when an earlier filter is invalid.
 *
 * <p>Subscription options: in 3.1/3.1.1 only the QoS bits exist, everything else is reserved and
 * a reserved bit or QoS 3 is malformed (3.1.1 MQTT-3.8.3-4). In v5, bits 6-7 are reserved
 * (Malformed, MQTT-3.8.3-5); QoS 3 and Retain Handling 3 are Protocol Errors (v5 section 3.8.3.1
 * says so explicitly, unlike 3.1.1), and so is No Local on a shared subscription (v5
 * MQTT-3.8.3-4).
 */
final class SubscribeDecoder {
    private static final String PACKET = "SUBSCRIBE";
    private static final int QOS_MASK = 0x03;
    private static final int NO_LOCAL = 0x04;
    private static final int RETAIN_AS_PUBLISHED = 0x08;
    private static final int RETAIN_HANDLING_SHIFT = 4;
    private static final int RETAIN_HANDLING_MASK = 0x30;
    private static final int V5_RESERVED = 0xC0;
    private static final int V3_RESERVED = 0xFC;

    private SubscribeDecoder() {
    }

    static DecodeResult decode(WireReader in, int flags, MqttVersion version, boolean fromClient) {
        int packetId = in.readPacketId();
        Properties properties = version.isV5() ? PropertyReader.read(in, PacketType.SUBSCRIBE) : Properties.EMPTY;
        if (in.failed()) {
            return in.failure();
        }
        List<Subscription> subscriptions = new ArrayList<>(2);
        String invalidFilter = null;
        while (in.hasRemaining()) {
            String filter = in.readUtf8("topic filter");
            int options = in.readByte("subscription options");
            if (in.failed()) {
                return in.failure();
            }
            Subscription subscription = version.isV5() ? v5Subscription(in, filter, options)
                    : v3Subscription(in, filter, options);
            if (subscription == null) {
                return in.failure();
            }
            if (invalidFilter == null && !TopicRules.isValidFilter(filter)) {
                invalidFilter = filter;
            }
            subscriptions.add(subscription);
        }
        if (subscriptions.isEmpty()) {
            return in.fail(ReasonCode.PROTOCOL_ERROR, "SUBSCRIBE: no topic filter (MQTT-3.8.3-3)");
        }
        if (invalidFilter != null) {
            return in.fail(ReasonCode.TOPIC_FILTER_INVALID, "SUBSCRIBE: invalid topic filter (MQTT-4.7.1-1)");
        }
        return new DecodeResult.Decoded(new Subscribe(packetId, subscriptions, properties));
    }

    private static Subscription v3Subscription(WireReader in, String filter, int options) {
        if ((options & V3_RESERVED) != 0 || (options & QOS_MASK) == 3) {
            in.fail(ReasonCode.MALFORMED_PACKET, "SUBSCRIBE: reserved option bits or QoS 3 (MQTT-3.8.3-4)");
            return null;
        }
        return Subscription.of(filter, QoS.ofValue(options & QOS_MASK));
    }

    private static Subscription v5Subscription(WireReader in, String filter, int options) {
        if ((options & V5_RESERVED) != 0) {
            in.fail(ReasonCode.MALFORMED_PACKET, "SUBSCRIBE: reserved option bits set (MQTT-3.8.3-5)");
            return null;
        }
        QoS qos = QoS.ofValue(options & QOS_MASK);
        if (qos == null) {
            in.fail(ReasonCode.PROTOCOL_ERROR, "SUBSCRIBE: maximum QoS 3 (3.8.3.1)");
            return null;
        }
        RetainHandling retainHandling =
                RetainHandling.ofValue((options & RETAIN_HANDLING_MASK) >> RETAIN_HANDLING_SHIFT);
        if (retainHandling == null) {
            in.fail(ReasonCode.PROTOCOL_ERROR, "SUBSCRIBE: retain handling 3 (3.8.3.1)");
            return null;
        }
        boolean noLocal = (options & NO_LOCAL) != 0;
        if (noLocal && TopicRules.isShared(filter)) {
            in.fail(ReasonCode.PROTOCOL_ERROR, "SUBSCRIBE: no local on a shared subscription (MQTT-3.8.3-4)");
            return null;
        }
        return new Subscription(filter, qos, noLocal, (options & RETAIN_AS_PUBLISHED) != 0, retainHandling);
    }
}
