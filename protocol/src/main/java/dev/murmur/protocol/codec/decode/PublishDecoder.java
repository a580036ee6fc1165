package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.property.PropertyId;

/**
 * PUBLISH (MQTT 5.0 section 3.3), both directions. The payload is copied once into its own array
 * so the packet never pins the connection's read buffer. Topic aliases are resolved by the
 * connection, not here; a payload marked as UTF-8 (Payload Format Indicator 1) is not validated
 * here either, since the spec leaves that check to the receiver's choice (MQTT-3.3.2-4 is the
 * sender's duty).
 */
final class PublishDecoder {
    private static final String PACKET = "PUBLISH";
    private static final int DUP = 0x08;
    private static final int QOS_SHIFT = 1;
    private static final int QOS_MASK = 0x06;
    private static final int RETAIN = 0x01;

    private PublishDecoder() {
    }

    /**
     * The fixed-header checks of PUBLISH, done before the body is buffered: QoS 3 (MQTT-3.3.1-4)
     * and DUP on QoS 0 (MQTT-3.3.1-2) are malformed. Returns a detail text, or null when valid.
     */
    static String checkFlags(int flags) {
        int qos = (flags & QOS_MASK) >> QOS_SHIFT;
        if (qos == 3) {
            return "PUBLISH: QoS 3 (MQTT-3.3.1-4)";
        }
        if (qos == 0 && (flags & DUP) != 0) {
            return "PUBLISH: DUP set on QoS 0 (MQTT-3.3.1-2)";
        }
        return null;
    }

    static DecodeResult decode(WireReader in, int flags, MqttVersion version, boolean fromClient) {
        QoS qos = QoS.ofValue((flags & QOS_MASK) >> QOS_SHIFT);
        String topic = in.readUtf8("topic name");
        int packetId = qos == QoS.AT_MOST_ONCE ? 0 : in.readPacketId();
        Properties properties = version.isV5() ? PropertyReader.read(in, PacketType.PUBLISH) : Properties.EMPTY;
        byte[] payload = in.readRest();
        if (in.failed()) {
            return in.failure();
        }
        // Semantic checks, once the structure is known to be sound.
        if (fromClient && properties.has(PropertyId.SUBSCRIPTION_IDENTIFIER)) {
            return in.fail(ReasonCode.PROTOCOL_ERROR, "PUBLISH: subscription identifier from a client (MQTT-3.3.4-6)");
        }
        if (topic.isEmpty()) {
            if (!version.isV5()) {
                return in.fail(ReasonCode.TOPIC_NAME_INVALID, "PUBLISH: empty topic name (MQTT-4.7.3-1)");
            }
            if (!properties.has(PropertyId.TOPIC_ALIAS)) {
                return in.fail(ReasonCode.PROTOCOL_ERROR, "PUBLISH: empty topic name without a topic alias (3.3.2.1)");
            }
        } else if (!TopicRules.isValidName(topic)) {
            return in.fail(ReasonCode.TOPIC_NAME_INVALID, "PUBLISH: invalid topic name (MQTT-3.3.2-2)");
        }
        return new DecodeResult.Decoded(new Publish(topic, qos, (flags & RETAIN) != 0, (flags & DUP) != 0, packetId,
                payload, properties));
    }
}
