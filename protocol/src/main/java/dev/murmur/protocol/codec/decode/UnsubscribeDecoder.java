package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.packet.Unsubscribe;
import dev.murmur.protocol.property.Properties;
import java.util.ArrayList;
import java.util.List;

/**
 * UNSUBSCRIBE (MQTT 5.0 section 3.10), client to server: packet identifier, v5 properties, then at
 * least one topic filter (MQTT-3.10.3-2). As in SUBSCRIBE, the whole packet is read before an
 * invalid filter is reported, so structural errors win.
 */
final class UnsubscribeDecoder {
    private UnsubscribeDecoder() {
    }

    static DecodeResult decode(WireReader in, int flags, MqttVersion version, boolean fromClient) {
        int packetId = in.readPacketId();
        Properties properties = version.isV5() ? PropertyReader.read(in, PacketType.UNSUBSCRIBE) : Properties.EMPTY;
        if (in.failed()) {
            return in.failure();
        }
        List<String> filters = new ArrayList<>(2);
        boolean invalid = false;
        while (in.hasRemaining()) {
            String filter = in.readUtf8("topic filter");
            if (filter == null) {
                return in.failure();
            }
            invalid |= !TopicRules.isValidFilter(filter);
            filters.add(filter);
        }
        if (filters.isEmpty()) {
            return in.fail(ReasonCode.PROTOCOL_ERROR, "UNSUBSCRIBE: no topic filter (MQTT-3.10.3-2)");
        }
        if (invalid) {
            return in.fail(ReasonCode.TOPIC_FILTER_INVALID, "UNSUBSCRIBE: invalid topic filter (MQTT-4.7.1-1)");
        }
        return new DecodeResult.Decoded(new Unsubscribe(packetId, filters, properties));
    }
}
