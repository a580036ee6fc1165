package dev.murmur.protocol.codec;

import static dev.murmur.protocol.ReasonCode.*;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.Auth;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.PingReq;
import dev.murmur.protocol.packet.PingResp;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubComp;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.PubRel;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.RetainHandling;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.packet.UnsubAck;
import dev.murmur.protocol.packet.Unsubscribe;
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.property.PropertyId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of random valid packets of every type and version, with random properties
 * valid for each packet and direction. The reason code lists are written here again from the
 * spec's tables on purpose, independently of the decoder's.
 */
public final class RandomPackets {
    private static final ReasonCode[] CONNACK_V3 = {SUCCESS, UNSUPPORTED_PROTOCOL_VERSION, CLIENT_IDENTIFIER_NOT_VALID,
        SERVER_UNAVAILABLE, BAD_USER_NAME_OR_PASSWORD, NOT_AUTHORIZED};
    private static final ReasonCode[] CONNACK_V5 = {SUCCESS, UNSPECIFIED_ERROR, MALFORMED_PACKET, PROTOCOL_ERROR,
        IMPLEMENTATION_SPECIFIC_ERROR, UNSUPPORTED_PROTOCOL_VERSION, CLIENT_IDENTIFIER_NOT_VALID,
        BAD_USER_NAME_OR_PASSWORD, NOT_AUTHORIZED, SERVER_UNAVAILABLE, SERVER_BUSY, BANNED, BAD_AUTHENTICATION_METHOD,
        TOPIC_NAME_INVALID, PACKET_TOO_LARGE, QUOTA_EXCEEDED, PAYLOAD_FORMAT_INVALID, RETAIN_NOT_SUPPORTED,
        QOS_NOT_SUPPORTED, USE_ANOTHER_SERVER, SERVER_MOVED, CONNECTION_RATE_EXCEEDED};
    private static final ReasonCode[] PUBACK_V5 = {SUCCESS, NO_MATCHING_SUBSCRIBERS, UNSPECIFIED_ERROR,
        IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, TOPIC_NAME_INVALID, PACKET_IDENTIFIER_IN_USE, QUOTA_EXCEEDED,
        PAYLOAD_FORMAT_INVALID};
    private static final ReasonCode[] PUBREL_V5 = {SUCCESS, PACKET_IDENTIFIER_NOT_FOUND};
    private static final ReasonCode[] SUBACK_V3 = {GRANTED_QOS_0, GRANTED_QOS_1, GRANTED_QOS_2, UNSPECIFIED_ERROR};
    private static final ReasonCode[] SUBACK_V5 = {GRANTED_QOS_0, GRANTED_QOS_1, GRANTED_QOS_2, UNSPECIFIED_ERROR,
        IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, TOPIC_FILTER_INVALID, PACKET_IDENTIFIER_IN_USE, QUOTA_EXCEEDED,
        SHARED_SUBSCRIPTIONS_NOT_SUPPORTED, SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED, WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED};
    private static final ReasonCode[] UNSUBACK_V5 = {SUCCESS, NO_SUBSCRIPTION_EXISTED, UNSPECIFIED_ERROR,
        IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, TOPIC_FILTER_INVALID, PACKET_IDENTIFIER_IN_USE};
    private static final ReasonCode[] DISCONNECT_V5 = {NORMAL_DISCONNECTION, DISCONNECT_WITH_WILL_MESSAGE,
        UNSPECIFIED_ERROR, MALFORMED_PACKET, PROTOCOL_ERROR, IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, SERVER_BUSY,
        SERVER_SHUTTING_DOWN, KEEP_ALIVE_TIMEOUT, SESSION_TAKEN_OVER, TOPIC_FILTER_INVALID, TOPIC_NAME_INVALID,
        RECEIVE_MAXIMUM_EXCEEDED, TOPIC_ALIAS_INVALID, PACKET_TOO_LARGE, MESSAGE_RATE_TOO_HIGH, QUOTA_EXCEEDED,
        ADMINISTRATIVE_ACTION, PAYLOAD_FORMAT_INVALID, RETAIN_NOT_SUPPORTED, QOS_NOT_SUPPORTED, USE_ANOTHER_SERVER,
        SERVER_MOVED, SHARED_SUBSCRIPTIONS_NOT_SUPPORTED, CONNECTION_RATE_EXCEEDED, MAXIMUM_CONNECT_TIME,
        SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED, WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED};
    private static final ReasonCode[] AUTH_V5 = {SUCCESS, CONTINUE_AUTHENTICATION, RE_AUTHENTICATE};

    /** Characters for strings: ASCII, a control character, Latin-1, BMP and a supplementary character. */
    private static final String[] ALPHABET = {"a", "b", "z", "0", "9", "-", "_", " ", "$", "\u0001", "\u007F",
        "\u00E9", "\u00FC", "\u20AC", "\uFFFF", "\uD83D\uDE00", "/"};

    private final Random random;

    public RandomPackets(Random random) {
        this.random = random;
    }

    /** A generated packet with the version and direction it is valid in. */
    public record Sample(MqttPacket packet, MqttVersion version, boolean fromClient) {
    }

    public Sample next() {
        MqttVersion v = MqttVersion.values()[random.nextInt(3)];
        PacketType type = PacketType.values()[random.nextInt(v.isV5() ? 15 : 14)];
        boolean fromClient = switch (type) {
            case CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ -> true;
            case CONNACK, SUBACK, UNSUBACK, PINGRESP -> false;
            case DISCONNECT -> !v.isV5() || random.nextBoolean();
            default -> random.nextBoolean();
        };
        return new Sample(packet(type, v, fromClient), v, fromClient);
    }

    private MqttPacket packet(PacketType type, MqttVersion v, boolean fromClient) {
        return switch (type) {
            case CONNECT -> connect(v);
            case CONNACK -> connAck(v);
            case PUBLISH -> publish(v, fromClient);
            case PUBACK -> new PubAck(packetId(), code(v, PUBACK_V5), props(v, type, fromClient));
            case PUBREC -> new PubRec(packetId(), code(v, PUBACK_V5), props(v, type, fromClient));
            case PUBREL -> new PubRel(packetId(), code(v, PUBREL_V5), props(v, type, fromClient));
            case PUBCOMP -> new PubComp(packetId(), code(v, PUBREL_V5), props(v, type, fromClient));
            case SUBSCRIBE -> subscribe(v);
            case SUBACK -> new SubAck(packetId(), codes(v.isV5() ? SUBACK_V5 : SUBACK_V3), props(v, type, false));
            case UNSUBSCRIBE -> new Unsubscribe(packetId(), filters(v), props(v, type, true));
            case UNSUBACK -> new UnsubAck(packetId(), v.isV5() ? codes(UNSUBACK_V5) : List.of(), props(v, type, false));
            case PINGREQ -> PingReq.INSTANCE;
            case PINGRESP -> PingResp.INSTANCE;
            case DISCONNECT -> v.isV5() ? new Disconnect(pick(DISCONNECT_V5), props(v, type, fromClient))
                    : Disconnect.NORMAL;
            case AUTH -> new Auth(pick(AUTH_V5), props(v, type, fromClient));
        };
    }

    private Connect connect(MqttVersion v) {
        String username = random.nextBoolean() ? string(12) : null;
        // MQTT-3.1.2-22: before v5 a password needs a user name.
        byte[] password = random.nextBoolean() && (v.isV5() || username != null) ? bytes(10) : null;
        Will will = random.nextBoolean() ? new Will(topicName(), bytes(20), qos(), random.nextBoolean(),
                v.isV5() ? willProps() : Properties.EMPTY) : null;
        return new Connect(v, string(23), random.nextBoolean(), random.nextInt(65_536), username, password, will,
                props(v, PacketType.CONNECT, true));
    }

    private ConnAck connAck(MqttVersion v) {
        ReasonCode code = pick(v.isV5() ? CONNACK_V5 : CONNACK_V3);
        // No session with a refusal (MQTT-3.2.2-6); MQTT 3.1 has no session present flag at all.
        boolean sessionPresent = code == SUCCESS && v != MqttVersion.V3_1 && random.nextBoolean();
        return new ConnAck(sessionPresent, code, props(v, PacketType.CONNACK, false));
    }

    private Publish publish(MqttVersion v, boolean fromClient) {
        QoS qos = qos();
        Properties props = props(v, PacketType.PUBLISH, fromClient);
        String topic = v.isV5() && props.has(PropertyId.TOPIC_ALIAS) && random.nextBoolean() ? "" : topicName();
        return new Publish(topic, qos, random.nextBoolean(), qos != QoS.AT_MOST_ONCE && random.nextBoolean(),
                qos == QoS.AT_MOST_ONCE ? 0 : packetId(), bytes(64), props);
    }

    private Subscribe subscribe(MqttVersion v) {
        List<Subscription> subs = new ArrayList<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
            String filter = filter(v);
            if (!v.isV5()) {
                subs.add(Subscription.of(filter, qos()));
            } else {
                boolean noLocal = !filter.startsWith("$share/") && random.nextBoolean(); // MQTT-3.8.3-4
                subs.add(new Subscription(filter, qos(), noLocal, random.nextBoolean(),
                        RetainHandling.values()[random.nextInt(3)]));
            }
        }
        return new Subscribe(packetId(), subs, props(v, PacketType.SUBSCRIBE, true));
    }

    private List<String> filters(MqttVersion v) {
        List<String> filters = new ArrayList<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
            filters.add(filter(v));
        }
        return filters;
    }

    // ---- properties ----

    private Properties props(MqttVersion v, PacketType type, boolean fromClient) {
        if (!v.isV5() || random.nextInt(3) == 0) {
            return Properties.EMPTY;
        }
        Properties.Builder b = Properties.builder();
        for (PropertyId id : PropertyId.values()) {
            if (!id.allowedIn(type) || random.nextInt(3) != 0) {
                continue;
            }
            if (id == PropertyId.SUBSCRIPTION_IDENTIFIER) {
                if (type == PacketType.SUBSCRIBE) {
                    b.subscriptionIdentifier(subscriptionId());
                } else if (!fromClient) { // PUBLISH: only servers send them (MQTT-3.3.4-6), several allowed
                    for (int i = random.nextInt(3); i >= 0; i--) {
                        b.subscriptionIdentifier(subscriptionId());
                    }
                }
            } else if (id == PropertyId.SESSION_EXPIRY_INTERVAL && type == PacketType.DISCONNECT && !fromClient) {
                continue; // MQTT-3.14.2-2
            } else if (id == PropertyId.AUTHENTICATION_DATA && type == PacketType.CONNECT
                    && !b.has(PropertyId.AUTHENTICATION_METHOD)) {
                continue; // data without a method is a protocol error (3.1.2.11.10)
            } else {
                add(b, id);
            }
        }
        return b.build();
    }

    private Properties willProps() {
        Properties.Builder b = Properties.builder();
        for (PropertyId id : PropertyId.values()) {
            if (id.allowedInWill() && random.nextInt(3) == 0) {
                add(b, id);
            }
        }
        return b.build();
    }

    private void add(Properties.Builder b, PropertyId id) {
        switch (id) {
            case USER_PROPERTY -> {
                for (int i = random.nextInt(3); i >= 0; i--) {
                    b.userProperty(string(8), string(8));
                }
            }
            case RESPONSE_TOPIC -> b.put(id, topicName());
            case RECEIVE_MAXIMUM, TOPIC_ALIAS -> b.put(id, 1 + random.nextInt(65_535));
            case MAXIMUM_PACKET_SIZE -> b.put(id, 1 + (random.nextLong() & 0xFFFF_FFFFL) % 0xFFFF_FFFFL);
            default -> b.put(id, switch (id.type()) {
                case BYTE -> random.nextInt(2);
                case TWO_BYTE_INTEGER -> random.nextInt(65_536);
                case FOUR_BYTE_INTEGER -> random.nextLong() & 0xFFFF_FFFFL;
                case UTF8_STRING -> string(16);
                case BINARY_DATA -> bytes(16);
                default -> throw new IllegalStateException(id.toString());
            });
        }
    }

    // ---- values ----

    private int subscriptionId() {
        return random.nextBoolean() ? 1 + random.nextInt(200) : 1 + random.nextInt(268_435_455);
    }

    private int packetId() {
        return 1 + random.nextInt(65_535);
    }

    private QoS qos() {
        return QoS.ofValue(random.nextInt(3));
    }

    private ReasonCode code(MqttVersion v, ReasonCode[] v5Codes) {
        return v.isV5() ? pick(v5Codes) : SUCCESS;
    }

    private ReasonCode pick(ReasonCode[] codes) {
        return codes[random.nextInt(codes.length)];
    }

    private List<ReasonCode> codes(ReasonCode[] table) {
        List<ReasonCode> codes = new ArrayList<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
            codes.add(pick(table));
        }
        return codes;
    }

    private byte[] bytes(int max) {
        byte[] b = new byte[random.nextInt(max + 1)];
        random.nextBytes(b);
        return b;
    }

    private String string(int maxChars) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(maxChars + 1); i > 0; i--) {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    /** A non-empty topic name: no wildcards; empty levels and '$' prefixes are fine. */
    private String topicName() {
        String s = string(20);
        return s.isEmpty() ? "t" : s;
    }

    /** A valid filter: levels of text, '+', or a final '#'; sometimes shared in v5. */
    private String filter(MqttVersion v) {
        StringBuilder sb = new StringBuilder();
        int levels = 1 + random.nextInt(4);
        for (int i = 0; i < levels; i++) {
            if (i > 0) {
                sb.append('/');
            }
            int kind = random.nextInt(5);
            if (kind == 0) {
                sb.append('+');
            } else if (kind == 1 && i == levels - 1) {
                sb.append('#');
            } else {
                sb.append(string(6).replace("/", ""));
            }
        }
        String filter = sb.length() == 0 ? "f" : sb.toString();
        return v.isV5() && random.nextInt(5) == 0 ? "$share/g" + random.nextInt(10) + "/" + filter : filter;
    }
}
