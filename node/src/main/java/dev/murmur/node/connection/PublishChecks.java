package dev.murmur.node.connection;

import dev.murmur.node.config.Mqtt5Settings;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.metrics.MessageCounters;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.Publish;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The MQTT 5.0 checks an inbound PUBLISH passes before it is routed: topic alias resolution
 * (MQTT 5.0 3.3.2.3.4), the announced Maximum QoS and Retain Available (MQTT-3.2.2-11,
 * MQTT-3.2.2-14), and optionally that a payload marked as UTF-8 is UTF-8 (3.3.2.3.2, 0x99).
 */
final class PublishChecks {
    /** MQTT 5.0 3.3.2.3.2: Payload Format Indicator 1 means UTF-8 Encoded Character Data. */
    private static final int UTF8_PAYLOAD = 1;

    private PublishChecks() {
    }

    /**
     * The PUBLISH to route (its topic resolved from an alias), or null when the connection has
     * already answered it: a DISCONNECT for a protocol violation, or a 0x99 acknowledgement.
     */
    static Publish accept(ConnectionLogic c, Publish p) {
        Mqtt5Settings v5 = c.services().settings().mqtt5();
        if (c.version().isV5()) {
            p = resolveAlias(c, p);
            if (p == null) {
                return null;
            }
            if (p.qos().value() > v5.maximumQos()) {
                c.protocolViolation(ReasonCode.QOS_NOT_SUPPORTED, "QoS " + p.qos().value()
                        + " above the Maximum QoS " + v5.maximumQos() + " (MQTT-3.2.2-11)");
                return null;
            }
            if (p.retain() && !v5.retainAvailable()) {
                c.protocolViolation(ReasonCode.RETAIN_NOT_SUPPORTED, "retain is not available (MQTT-3.2.2-14)");
                return null;
            }
        }
        if (v5.validateUtf8Payload() && !validPayload(p)) {
            c.services().metrics().increment(Counter.PAYLOAD_FORMAT_INVALID);
            c.services().metrics().messages().dropped(MessageCounters.DropReason.REFUSED, p.qos());
            String reason = "payload is not UTF-8 although its Payload Format Indicator says so";
            switch (p.qos()) {
                case AT_MOST_ONCE -> c.protocolViolation(ReasonCode.PAYLOAD_FORMAT_INVALID, reason);
                case AT_LEAST_ONCE -> c.send(new PubAck(p.packetId(), ReasonCode.PAYLOAD_FORMAT_INVALID,
                        c.negotiated().problem(reason)), false);
                case EXACTLY_ONCE -> c.send(new PubRec(p.packetId(), ReasonCode.PAYLOAD_FORMAT_INVALID,
                        c.negotiated().problem(reason)), false);
            }
            return null;
        }
        return p;
    }

    /** Applies the Topic Alias property; the returned PUBLISH always has its topic name. */
    private static Publish resolveAlias(ConnectionLogic c, Publish p) {
        Integer alias = p.properties().topicAlias();
        if (alias == null) {
            return p;
        }
        TopicAliases aliases = c.topicAliases();
        if (!aliases.inboundAllowed(alias)) {
            c.protocolViolation(ReasonCode.TOPIC_ALIAS_INVALID, "topic alias " + alias
                    + " is 0 or above the Topic Alias Maximum (MQTT-3.3.2-8, MQTT-3.3.2-9)");
            return null;
        }
        if (!p.topic().isEmpty()) {
            aliases.set(alias, p.topic());
            return p;
        }
        String topic = aliases.resolve(alias);
        if (topic == null) {
            // 3.3.2.3.4: an alias that was never set, with an empty topic name, is a Protocol Error.
            c.protocolViolation(ReasonCode.PROTOCOL_ERROR, "topic alias " + alias + " has no topic yet");
            return null;
        }
        return new Publish(topic, p.qos(), p.retain(), p.dup(), p.packetId(), p.payload(), p.properties());
    }

    private static boolean validPayload(Publish p) {
        Integer format = p.properties().payloadFormatIndicator();
        if (format == null || format != UTF8_PAYLOAD) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(p.payload()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
