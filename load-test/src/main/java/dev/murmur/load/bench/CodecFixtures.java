package dev.murmur.load.bench;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.property.Properties;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;

/**
 * The packets both codecs are measured on, built once for each side: our records and Netty's
 * messages with the same fields, and the wire bytes (produced by Netty's encoder, so they do not
 * depend on our encoder; our decoder is checked against them before it is measured).
 */
final class CodecFixtures {
    /** Both decoders get the same maximum packet size, far above every fixture. */
    static final int MAX_PACKET = 1 << 20;
    static final String TOPIC = "tenant/t42/device/d-000123/telemetry/temp";
    static final int PACKET_ID = 4242;
    static final String CLIENT_ID = "device-000123";
    static final String USERNAME = "tenant42";
    static final byte[] PASSWORD = "s3cr3t-t0ken".getBytes(StandardCharsets.UTF_8);
    static final long MESSAGE_EXPIRY = 3600;
    static final String TRACE_KEY = "trace-id";
    static final String TRACE_VALUE = "4bf92f3577b34da6";

    /** The channel attribute through which Netty's codec learns the protocol version. */
    static final AttributeKey<io.netty.handler.codec.mqtt.MqttVersion> NETTY_VERSION =
            AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private CodecFixtures() {
    }

    static io.netty.handler.codec.mqtt.MqttVersion netty(MqttVersion version) {
        return switch (version) {
            case V3_1 -> io.netty.handler.codec.mqtt.MqttVersion.MQTT_3_1;
            case V3_1_1 -> io.netty.handler.codec.mqtt.MqttVersion.MQTT_3_1_1;
            case V5 -> io.netty.handler.codec.mqtt.MqttVersion.MQTT_5;
        };
    }

    static byte[] payload(int size) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        return payload;
    }

    /** QoS 1 PUBLISH; in v5 with two properties: message expiry interval and one user property. */
    static Publish ourPublish(MqttVersion version, int payloadSize) {
        Properties properties = version.isV5()
                ? Properties.builder().messageExpiryInterval(MESSAGE_EXPIRY).userProperty(TRACE_KEY, TRACE_VALUE).build()
                : Properties.EMPTY;
        return new Publish(TOPIC, QoS.AT_LEAST_ONCE, false, false, PACKET_ID, payload(payloadSize), properties);
    }

    static MqttPublishMessage nettyPublish(MqttVersion version, int payloadSize) {
        MqttProperties properties = new MqttProperties();
        if (version.isV5()) {
            properties.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(), (int) MESSAGE_EXPIRY));
            properties.add(new MqttProperties.UserProperty(TRACE_KEY, TRACE_VALUE));
        }
        return MqttMessageBuilders.publish().topicName(TOPIC).qos(MqttQoS.AT_LEAST_ONCE).retained(false)
                .messageId(PACKET_ID).payload(Unpooled.wrappedBuffer(payload(payloadSize))).properties(properties)
                .build();
    }

    /** CONNECT with clean start, keep-alive, username and password; v5 adds two properties. */
    static Connect ourConnect(MqttVersion version) {
        Properties properties = version.isV5()
                ? Properties.builder().sessionExpiryInterval(MESSAGE_EXPIRY).receiveMaximum(64).build()
                : Properties.EMPTY;
        return new Connect(version, CLIENT_ID, true, 60, USERNAME, PASSWORD, null, properties);
    }

    static MqttConnectMessage nettyConnect(MqttVersion version) {
        MqttProperties properties = new MqttProperties();
        if (version.isV5()) {
            properties.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), (int) MESSAGE_EXPIRY));
            properties.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(), 64));
        }
        return MqttMessageBuilders.connect().protocolVersion(netty(version)).clientId(CLIENT_ID).cleanSession(true)
                .keepAlive(60).username(USERNAME).password(PASSWORD).properties(properties).build();
    }

    /** The wire bytes of {@code message} as Netty's encoder writes them for {@code version}. */
    static byte[] nettyBytes(MqttMessage message, MqttVersion version) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        channel.config().setAllocator(new UnpooledByteBufAllocator(false));
        channel.attr(NETTY_VERSION).set(netty(version));
        if (!channel.writeOutbound(message)) {
            throw new IllegalStateException("Netty encoder produced nothing for " + message);
        }
        ByteBuf out = channel.readOutbound();
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        channel.finishAndReleaseAll();
        return bytes;
    }
}
