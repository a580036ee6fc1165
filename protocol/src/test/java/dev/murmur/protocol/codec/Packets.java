package dev.murmur.protocol.codec;

import static java.nio.charset.StandardCharsets.UTF_8;

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

/**
 * Representative packets of every type for each protocol version, for encoder tests and codec
 * round trips. Every packet here survives an encode/decode round trip unchanged, so for
 * 3.1/3.1.1 it carries only what exists on that wire: no properties, {@link ReasonCode#SUCCESS}
 * on the publish acknowledgements, {@link ReasonCode#NORMAL_DISCONNECTION} on DISCONNECT, no
 * UNSUBACK reason codes, {@link ReasonCode#UNSPECIFIED_ERROR} for the SUBACK failure 0x80, no
 * session present flag in 3.1 CONNACK, and only the maximum QoS as subscription option. Where
 * reason codes share the value 0x00 the name natural for the packet type is used (SUCCESS in
 * CONNACK, PUBACK.. PUBCOMP, UNSUBACK and AUTH; GRANTED_QOS_0 in SUBACK; NORMAL_DISCONNECTION
 * in DISCONNECT). The "full" variants populate every property the packet type allows in v5.
 */
public final class Packets {
    /** A small UTF-8 text payload (valid with Payload Format Indicator 1). */
    public static final byte[] PAYLOAD = "hello murmur".getBytes(UTF_8);

    private Packets() {
    }

    // ---- properties ----

    /** Every property a packet of {@code type} may carry, one sample value each (two user properties). */
    public static Properties allProperties(PacketType type) {
        Properties.Builder b = Properties.builder();
        for (PropertyId id : PropertyId.values()) {
            if (id.allowedIn(type)) {
                addSample(b, id);
            }
        }
        if (type == PacketType.PUBLISH) {
            b.subscriptionIdentifier(268_435_455); // PUBLISH may carry several (MQTT-3.3.4-4), max VBI value
        }
        return b.build();
    }

    /** Every property the will properties of CONNECT may carry. */
    public static Properties allWillProperties() {
        Properties.Builder b = Properties.builder();
        for (PropertyId id : PropertyId.values()) {
            if (id.allowedInWill()) {
                addSample(b, id);
            }
        }
        return b.build();
    }

    /** Just the diagnostic properties: a reason string and two user properties. */
    public static Properties diagnostics() {
        return Properties.builder().reasonString("because").userProperty("k", "v").userProperty("k", "w2").build();
    }

    private static void addSample(Properties.Builder b, PropertyId id) {
        switch (id) {
            case USER_PROPERTY -> b.userProperty("region", "eu-west").userProperty("région", "zürich");
            case SUBSCRIPTION_IDENTIFIER -> b.subscriptionIdentifier(7);
            default -> b.put(id, sampleValue(id));
        }
    }

    /** A sample value valid for the property: 1 for bytes, non-zero integers, short strings. */
    private static Object sampleValue(PropertyId id) {
        return switch (id.type()) {
            case BYTE -> 1;
            case TWO_BYTE_INTEGER -> 10 + id.id();
            case FOUR_BYTE_INTEGER -> 3_600L + id.id();
            case VARIABLE_BYTE_INTEGER -> 7;
            case UTF8_STRING -> id == PropertyId.RESPONSE_TOPIC ? "reply/to/me" : "s-" + id.name().toLowerCase();
            case BINARY_DATA -> new byte[] {0x00, (byte) 0xFF, (byte) id.id()};
            case UTF8_STRING_PAIR -> throw new IllegalArgumentException(id.name());
        };
    }

    private static Properties v5(MqttVersion v, Properties props) {
        return v.isV5() ? props : Properties.EMPTY;
    }

    // ---- CONNECT / CONNACK ----

    /** Clean start, keep alive 60, no will, no credentials, no properties. */
    public static Connect connectMinimal(MqttVersion v) {
        return new Connect(v, "client-1", true, 60, null, null, null, Properties.EMPTY);
    }

    /** Will (QoS 1, retained), user name and password; in v5 all CONNECT and will properties. */
    public static Connect connectFull(MqttVersion v) {
        Will will = new Will("last/will", PAYLOAD, QoS.AT_LEAST_ONCE, true, v5(v, allWillProperties()));
        return new Connect(v, "client-full", false, 65_535, "user", new byte[] {1, 2, 3, (byte) 0xFF}, will,
                v5(v, allProperties(PacketType.CONNECT)));
    }

    public static ConnAck connAck(MqttVersion v) {
        return new ConnAck(false, ReasonCode.SUCCESS, Properties.EMPTY);
    }

    /** Session present (where the version has the flag); in v5 all CONNACK properties. */
    public static ConnAck connAckFull(MqttVersion v) {
        return new ConnAck(v != MqttVersion.V3_1, ReasonCode.SUCCESS, v5(v, allProperties(PacketType.CONNACK)));
    }

    /** A refusal whose code exists in every version (v3 return code 5). */
    public static ConnAck connAckRefused(MqttVersion v) {
        return new ConnAck(false, ReasonCode.NOT_AUTHORIZED, v5(v, diagnostics()));
    }

    // ---- PUBLISH and its acknowledgements ----

    public static Publish publishQos0(MqttVersion v) {
        return new Publish("sensors/temp", QoS.AT_MOST_ONCE, false, false, 0, PAYLOAD, Properties.EMPTY);
    }

    public static Publish publishQos1(MqttVersion v) {
        return new Publish("sensors/temp", QoS.AT_LEAST_ONCE, false, false, 1, PAYLOAD, Properties.EMPTY);
    }

    /** QoS 2, DUP, RETAIN, a non-ASCII topic; in v5 all PUBLISH properties. */
    public static Publish publishFull(MqttVersion v) {
        return new Publish("maison/température/€", QoS.EXACTLY_ONCE, true, true, 65_535, PAYLOAD,
                v5(v, allProperties(PacketType.PUBLISH)));
    }

    /** An empty payload (allowed, MQTT 5.0 section 3.3.3). */
    public static Publish publishEmptyPayload(MqttVersion v) {
        return new Publish("a", QoS.AT_MOST_ONCE, false, false, 0, new byte[0], Properties.EMPTY);
    }

    public static PubAck pubAck(MqttVersion v) {
        return PubAck.of(10);
    }

    /** In v5 a failure code and all PUBACK properties. */
    public static PubAck pubAckFull(MqttVersion v) {
        return v.isV5() ? new PubAck(11, ReasonCode.NO_MATCHING_SUBSCRIBERS, allProperties(PacketType.PUBACK))
                : PubAck.of(11);
    }

    public static PubRec pubRec(MqttVersion v) {
        return PubRec.of(20);
    }

    public static PubRec pubRecFull(MqttVersion v) {
        return v.isV5() ? new PubRec(21, ReasonCode.QUOTA_EXCEEDED, allProperties(PacketType.PUBREC))
                : PubRec.of(21);
    }

    public static PubRel pubRel(MqttVersion v) {
        return PubRel.of(30);
    }

    public static PubRel pubRelFull(MqttVersion v) {
        return v.isV5() ? new PubRel(31, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, allProperties(PacketType.PUBREL))
                : PubRel.of(31);
    }

    public static PubComp pubComp(MqttVersion v) {
        return PubComp.of(40);
    }

    public static PubComp pubCompFull(MqttVersion v) {
        return v.isV5() ? new PubComp(41, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, allProperties(PacketType.PUBCOMP))
                : PubComp.of(41);
    }

    // ---- SUBSCRIBE / UNSUBSCRIBE ----

    public static Subscribe subscribe(MqttVersion v) {
        return new Subscribe(50, List.of(Subscription.of("sensors/+/temp", QoS.AT_LEAST_ONCE)), Properties.EMPTY);
    }

    /** Three filters (wildcards, a shared one in v5); in v5 every option bit and all properties. */
    public static Subscribe subscribeFull(MqttVersion v) {
        List<Subscription> subs = v.isV5()
                ? List.of(new Subscription("a/#", QoS.EXACTLY_ONCE, true, true, RetainHandling.DO_NOT_SEND),
                        new Subscription("$share/group/b/+", QoS.AT_LEAST_ONCE, false, false,
                                RetainHandling.SEND_IF_NEW_SUBSCRIPTION),
                        Subscription.of("c", QoS.AT_MOST_ONCE))
                : List.of(Subscription.of("a/#", QoS.EXACTLY_ONCE), Subscription.of("b/+", QoS.AT_LEAST_ONCE),
                        Subscription.of("c", QoS.AT_MOST_ONCE));
        return new Subscribe(51, subs, v5(v, allProperties(PacketType.SUBSCRIBE)));
    }

    public static SubAck subAck(MqttVersion v) {
        return new SubAck(50, List.of(ReasonCode.GRANTED_QOS_1), Properties.EMPTY);
    }

    /** Every granted QoS and a failure; in v5 all SUBACK properties. */
    public static SubAck subAckFull(MqttVersion v) {
        ReasonCode failure = v.isV5() ? ReasonCode.TOPIC_FILTER_INVALID : ReasonCode.UNSPECIFIED_ERROR;
        return new SubAck(51, List.of(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_2,
                failure), v5(v, allProperties(PacketType.SUBACK)));
    }

    public static Unsubscribe unsubscribe(MqttVersion v) {
        return new Unsubscribe(60, List.of("sensors/+/temp"), Properties.EMPTY);
    }

    public static Unsubscribe unsubscribeFull(MqttVersion v) {
        return new Unsubscribe(61, List.of("a/#", "b/+", "c"), v5(v, allProperties(PacketType.UNSUBSCRIBE)));
    }

    /** One SUCCESS per filter in v5; no codes in 3.1/3.1.1 (they are not on that wire). */
    public static UnsubAck unsubAck(MqttVersion v) {
        return new UnsubAck(60, v.isV5() ? List.of(ReasonCode.SUCCESS) : List.of(), Properties.EMPTY);
    }

    public static UnsubAck unsubAckFull(MqttVersion v) {
        return new UnsubAck(61, v.isV5()
                ? List.of(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED, ReasonCode.NOT_AUTHORIZED)
                : List.of(), v5(v, allProperties(PacketType.UNSUBACK)));
    }

    // ---- PING, DISCONNECT, AUTH ----

    public static PingReq pingReq() {
        return PingReq.INSTANCE;
    }

    public static PingResp pingResp() {
        return PingResp.INSTANCE;
    }

    public static Disconnect disconnect(MqttVersion v) {
        return Disconnect.NORMAL;
    }

    /** In v5 a failure code with all DISCONNECT properties; a plain DISCONNECT before v5. */
    public static Disconnect disconnectFull(MqttVersion v) {
        return v.isV5() ? new Disconnect(ReasonCode.SERVER_SHUTTING_DOWN, allProperties(PacketType.DISCONNECT))
                : Disconnect.NORMAL;
    }

    /** AUTH SUCCESS without properties (v5 only). */
    public static Auth auth() {
        return new Auth(ReasonCode.SUCCESS, Properties.EMPTY);
    }

    /** AUTH continuing an exchange, with all AUTH properties (v5 only). */
    public static Auth authFull() {
        return new Auth(ReasonCode.CONTINUE_AUTHENTICATION, allProperties(PacketType.AUTH));
    }

    // ---- all of them ----

    /** Every packet above that exists in {@code v}: all 15 types in v5, the 14 of 3.1/3.1.1 otherwise. */
    public static List<MqttPacket> all(MqttVersion v) {
        List<MqttPacket> all = new ArrayList<>(List.of(
                connectMinimal(v), connectFull(v), connAck(v), connAckFull(v), connAckRefused(v),
                publishQos0(v), publishQos1(v), publishFull(v), publishEmptyPayload(v),
                pubAck(v), pubAckFull(v), pubRec(v), pubRecFull(v), pubRel(v), pubRelFull(v),
                pubComp(v), pubCompFull(v), subscribe(v), subscribeFull(v), subAck(v), subAckFull(v),
                unsubscribe(v), unsubscribeFull(v), unsubAck(v), unsubAckFull(v),
                pingReq(), pingResp(), disconnect(v), disconnectFull(v)));
        if (v.isV5()) {
            all.add(auth());
            all.add(authFull());
        }
        return List.copyOf(all);
    }
}
