package dev.murmur.protocol.codec;

import static dev.murmur.protocol.MqttVersion.V3_1;
import static dev.murmur.protocol.MqttVersion.V3_1_1;
import static dev.murmur.protocol.MqttVersion.V5;

import dev.murmur.protocol.MqttVersion;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Golden byte vectors written by hand from the tables of MQTT 3.1 (MQIsdp), 3.1.1 and 5.0, each
 * with the packet it must decode to. The byte counts are spelled out in comments so a reader can
 * check each remaining length against the spec without running anything.
 */
public final class Golden {
    /** Max packet size used with the vectors: larger than any of them. */
    public static final int MAX = 1 << 20;

    /** One vector: who sends it, under which version, its bytes and its packet. */
    public record Vector(String name, MqttVersion version, boolean fromClient, byte[] bytes, MqttPacket packet) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final byte[] PW = {0x70, 0x77};

    private Golden() {
    }

    /** A minimal valid CONNECT per version, used to bring a server-side decoder past the handshake. */
    public static byte[] connect(MqttVersion version) {
        return switch (version) {
            // name "MQIsdp" (2+6), level 3, flags 02 (clean session), keep alive 60, client id "abc" (2+3) = 17
            case V3_1 -> Hex.bytes("10 11 00 06 4D 51 49 73 64 70 03 02 00 3C 00 03 61 62 63");
            // name "MQTT" (2+4), level 4, flags 02, keep alive 60, client id "abc" (2+3) = 15
            case V3_1_1 -> Hex.bytes("10 0F 00 04 4D 51 54 54 04 02 00 3C 00 03 61 62 63");
            // name (6), level 5, flags 02, keep alive 60, property length 0 (1), client id "" (2) = 13
            case V5 -> Hex.bytes("10 0D 00 04 4D 51 54 54 05 02 00 3C 00 00 00");
        };
    }

    /** A decoder in the state the vector is read in: client side, or server side after CONNECT. */
    public static MqttDecoder decoderFor(Vector v) {
        return decoderFor(v, MAX);
    }

    public static MqttDecoder decoderFor(Vector v, int maxPacketSize) {
        if (!v.fromClient()) {
            return MqttDecoder.forClient(v.version(), maxPacketSize);
        }
        MqttDecoder d = MqttDecoder.forServer(maxPacketSize);
        if (!(v.packet() instanceof Connect)) {
            DecodeResult r = d.decodeFrame(java.nio.ByteBuffer.wrap(connect(v.version())));
            if (!(r instanceof DecodeResult.Decoded)) {
                throw new AssertionError("handshake CONNECT failed: " + r);
            }
        }
        return d;
    }

    /** The vectors of one packet type. */
    public static List<Vector> of(dev.murmur.protocol.PacketType type) {
        return all().stream().filter(v -> v.packet().type() == type).toList();
    }

    /** Every vector. */
    public static List<Vector> all() {
        List<Vector> all = new ArrayList<>();
        connects(all);
        connAcks(all);
        publishes(all);
        acks(all);
        subscriptions(all);
        others(all);
        return all;
    }

    private static void connects(List<Vector> all) {
        all.add(new Vector("CONNECT 3.1 MQIsdp", V3_1, true, connect(V3_1),
                new Connect(V3_1, "abc", true, 60, null, null, null, Properties.EMPTY)));
        all.add(new Vector("CONNECT 3.1.1 minimal", V3_1_1, true, connect(V3_1_1),
                new Connect(V3_1_1, "abc", true, 60, null, null, null, Properties.EMPTY)));
        // 3.1.1 section 3.1.2.10 example header: flags CE = user, password, will QoS 1, will, clean.
        // Header 10 bytes; payload: id "c1" 4, will topic "w/t" 5, will message 4, user "u" 3, password 4 = 30.
        all.add(new Vector("CONNECT 3.1.1 will+credentials", V3_1_1, true, Hex.bytes(
                "10 1E 00 04 4D 51 54 54 04 CE 00 0A 00 02 63 31 00 03 77 2F 74 00 02 01 02 00 01 75 00 02 70 77"),
                new Connect(V3_1_1, "c1", true, 10, "u", PW,
                        new Will("w/t", new byte[] {1, 2}, QoS.AT_LEAST_ONCE, false, Properties.EMPTY),
                        Properties.EMPTY)));
        all.add(new Vector("CONNECT 5 minimal", V5, true, connect(V5),
                new Connect(V5, "", true, 60, null, null, null, Properties.EMPTY)));
        // 5.0 section 3.1.2.11 example header, properties 05 11 0000000A (session expiry 10): 16 bytes.
        // Payload: id 4, will properties 07 18 00000005 01 01 (8), will topic 5, will payload 4, user 3,
        // password 4 = 28. Total 44.
        all.add(new Vector("CONNECT 5 will+credentials+properties", V5, true, Hex.bytes(
                "10 2C 00 04 4D 51 54 54 05 CE 00 0A 05 11 00 00 00 0A 00 02 63 31 07 18 00 00 00 05 01 01"
                        + " 00 03 77 2F 74 00 02 01 02 00 01 75 00 02 70 77"),
                new Connect(V5, "c1", true, 10, "u", PW,
                        new Will("w/t", new byte[] {1, 2}, QoS.AT_LEAST_ONCE, false,
                                Properties.builder().willDelayInterval(5L).payloadFormatIndicator(1).build()),
                        Properties.builder().sessionExpiryInterval(10L).build())));
    }

    private static void connAcks(List<Vector> all) {
        all.add(new Vector("CONNACK 3.1.1 session present", V3_1_1, false, Hex.bytes("20 02 01 00"),
                new ConnAck(true, ReasonCode.SUCCESS, Properties.EMPTY)));
        all.add(new Vector("CONNACK 3.1.1 not authorized (5)", V3_1_1, false, Hex.bytes("20 02 00 05"),
                new ConnAck(false, ReasonCode.NOT_AUTHORIZED, Properties.EMPTY)));
        all.add(new Vector("CONNACK 3.1 identifier rejected (2)", V3_1, false, Hex.bytes("20 02 00 02"),
                new ConnAck(false, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, Properties.EMPTY)));
        all.add(new Vector("CONNACK 5 success", V5, false, Hex.bytes("20 03 00 00 00"),
                new ConnAck(false, ReasonCode.SUCCESS, Properties.EMPTY)));
        all.add(new Vector("CONNACK 5 not authorized", V5, false, Hex.bytes("20 03 00 87 00"),
                new ConnAck(false, ReasonCode.NOT_AUTHORIZED, Properties.EMPTY)));
        // Properties: receive maximum 21 0014 (3), maximum QoS 24 01 (2), retain available 25 00 (2) = 7.
        all.add(new Vector("CONNACK 5 properties", V5, false, Hex.bytes("20 0A 01 00 07 21 00 14 24 01 25 00"),
                new ConnAck(true, ReasonCode.SUCCESS,
                        Properties.builder().receiveMaximum(20).maximumQos(1).retainAvailable(0).build())));
    }

    private static void publishes(List<Vector> all) {
        // topic "a/b" (5) + payload "hi" (2) = 7
        for (MqttVersion v : MqttVersion.values()) {
            byte[] bytes = v.isV5() ? Hex.bytes("30 08 00 03 61 2F 62 00 68 69") : Hex.bytes("30 07 00 03 61 2F 62 68 69");
            Publish p = new Publish("a/b", QoS.AT_MOST_ONCE, false, false, 0, new byte[] {0x68, 0x69}, Properties.EMPTY);
            all.add(new Vector("PUBLISH " + v + " QoS 0 from client", v, true, bytes, p));
            all.add(new Vector("PUBLISH " + v + " QoS 0 from server", v, false, bytes, p));
        }
        // flags B = DUP, QoS 1, RETAIN; topic 5 + packet id 2 + payload 3 = 10
        all.add(new Vector("PUBLISH 3.1.1 QoS 1 dup retain", V3_1_1, true, Hex.bytes("3B 0A 00 03 61 2F 62 00 0A 01 02 03"),
                new Publish("a/b", QoS.AT_LEAST_ONCE, true, true, 10, new byte[] {1, 2, 3}, Properties.EMPTY)));
        // QoS 2: topic "t" 3, id 2, properties 1+32, payload 1 = 39. Properties: format 01 01 (2),
        // expiry 02 0000003C (5), content type 03 "text" (7), response topic 08 "r/1" (6),
        // correlation 09 0002 ABCD (5), user property 26 "k" "v" (7).
        all.add(new Vector("PUBLISH 5 QoS 2 properties", V5, true, Hex.bytes(
                "34 27 00 01 74 00 01 20 01 01 02 00 00 00 3C 03 00 04 74 65 78 74 08 00 03 72 2F 31"
                        + " 09 00 02 AB CD 26 00 01 6B 00 01 76 78"),
                new Publish("t", QoS.EXACTLY_ONCE, false, false, 1, new byte[] {0x78}, Properties.builder()
                        .payloadFormatIndicator(1).messageExpiryInterval(60L).contentType("text").responseTopic("r/1")
                        .correlationData(new byte[] {(byte) 0xAB, (byte) 0xCD}).userProperty("k", "v").build())));
        // Empty topic named by topic alias 23 0005: topic 2 + properties 1+3 = 6
        all.add(new Vector("PUBLISH 5 topic alias, empty topic", V5, true, Hex.bytes("30 06 00 00 03 23 00 05"),
                new Publish("", QoS.AT_MOST_ONCE, false, false, 0, new byte[0],
                        Properties.builder().topicAlias(5).build())));
        // Server to client, subscription identifiers 1 (0B 01) and 128 (0B 80 01): 3 + 1+5 = 9
        all.add(new Vector("PUBLISH 5 subscription identifiers", V5, false, Hex.bytes("30 09 00 01 74 05 0B 01 0B 80 01"),
                new Publish("t", QoS.AT_MOST_ONCE, false, false, 0, new byte[0],
                        Properties.builder().subscriptionIdentifier(1).subscriptionIdentifier(128).build())));
    }

    private static void acks(List<Vector> all) {
        for (MqttVersion v : MqttVersion.values()) {
            for (boolean fromClient : new boolean[] {true, false}) {
                String dir = fromClient ? " from client" : " from server";
                all.add(new Vector("PUBACK " + v + dir, v, fromClient, Hex.bytes("40 02 00 0A"), PubAck.of(10)));
                all.add(new Vector("PUBREC " + v + dir, v, fromClient, Hex.bytes("50 02 00 0B"), PubRec.of(11)));
                all.add(new Vector("PUBREL " + v + dir, v, fromClient, Hex.bytes("62 02 00 0B"), PubRel.of(11)));
                all.add(new Vector("PUBCOMP " + v + dir, v, fromClient, Hex.bytes("70 02 00 0B"), PubComp.of(11)));
            }
        }
        all.add(new Vector("PUBACK 5 reason code only", V5, true, Hex.bytes("40 03 00 0A 10"),
                new PubAck(10, ReasonCode.NO_MATCHING_SUBSCRIBERS, Properties.EMPTY)));
        // reason string 1F "bad" (6): 2 + 1 + 1+6 = 10
        all.add(new Vector("PUBACK 5 reason string", V5, false, Hex.bytes("40 0A 00 0A 87 06 1F 00 03 62 61 64"),
                new PubAck(10, ReasonCode.NOT_AUTHORIZED, Properties.builder().reasonString("bad").build())));
        all.add(new Vector("PUBREC 5 explicit empty properties", V5, false, Hex.bytes("50 04 00 0B 00 00"),
                PubRec.of(11)));
        all.add(new Vector("PUBREL 5 identifier not found", V5, true, Hex.bytes("62 03 00 0B 92"),
                new PubRel(11, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, Properties.EMPTY)));
        all.add(new Vector("PUBCOMP 5 identifier not found", V5, false, Hex.bytes("70 03 00 0B 92"),
                new PubComp(11, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, Properties.EMPTY)));
    }

    private static void subscriptions(List<Vector> all) {
        // id 2 + "a/b" QoS 1 (6) + "#" QoS 0 (4) = 12
        Subscribe v3Subscribe = new Subscribe(1, List.of(Subscription.of("a/b", QoS.AT_LEAST_ONCE),
                Subscription.of("#", QoS.AT_MOST_ONCE)), Properties.EMPTY);
        all.add(new Vector("SUBSCRIBE 3.1.1", V3_1_1, true, Hex.bytes("82 0C 00 01 00 03 61 2F 62 01 00 01 23 00"),
                v3Subscribe));
        all.add(new Vector("SUBSCRIBE 3.1", V3_1, true, Hex.bytes("82 0C 00 01 00 03 61 2F 62 01 00 01 23 00"),
                v3Subscribe));
        // id 2, properties 1+9 (subscription id 0B 0A, user property 7), "a/+" options 2E (6:
        // QoS 2, no local, retain as published, retain handling 2), "$share/g/x" options 01 (13) = 31
        all.add(new Vector("SUBSCRIBE 5 options and properties", V5, true, Hex.bytes(
                "82 1F 00 02 09 0B 0A 26 00 01 6B 00 01 76 00 03 61 2F 2B 2E"
                        + " 00 0A 24 73 68 61 72 65 2F 67 2F 78 01"),
                new Subscribe(2, List.of(
                        new Subscription("a/+", QoS.EXACTLY_ONCE, true, true, RetainHandling.DO_NOT_SEND),
                        Subscription.of("$share/g/x", QoS.AT_LEAST_ONCE)),
                        Properties.builder().subscriptionIdentifier(10).userProperty("k", "v").build())));
        all.add(new Vector("SUBACK 3.1.1", V3_1_1, false, Hex.bytes("90 05 00 01 01 00 80"),
                new SubAck(1, List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_0, ReasonCode.UNSPECIFIED_ERROR),
                        Properties.EMPTY)));
        all.add(new Vector("SUBACK 5", V5, false, Hex.bytes("90 06 00 02 00 02 97 A2"),
                new SubAck(2, List.of(ReasonCode.GRANTED_QOS_2, ReasonCode.QUOTA_EXCEEDED,
                        ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED), Properties.EMPTY)));
        all.add(new Vector("UNSUBSCRIBE 3.1.1", V3_1_1, true, Hex.bytes("A2 07 00 03 00 03 61 2F 62"),
                new Unsubscribe(3, List.of("a/b"), Properties.EMPTY)));
        // id 2 + properties 1 + "a/b" 5 + "#" 3 = 11
        all.add(new Vector("UNSUBSCRIBE 5", V5, true, Hex.bytes("A2 0B 00 03 00 00 03 61 2F 62 00 01 23"),
                new Unsubscribe(3, List.of("a/b", "#"), Properties.EMPTY)));
        all.add(new Vector("UNSUBACK 3.1.1", V3_1_1, false, Hex.bytes("B0 02 00 03"),
                new UnsubAck(3, List.of(), Properties.EMPTY)));
        all.add(new Vector("UNSUBACK 5", V5, false, Hex.bytes("B0 05 00 03 00 00 11"),
                new UnsubAck(3, List.of(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED), Properties.EMPTY)));
    }

    private static void others(List<Vector> all) {
        for (MqttVersion v : MqttVersion.values()) {
            all.add(new Vector("PINGREQ " + v, v, true, Hex.bytes("C0 00"), PingReq.INSTANCE));
            all.add(new Vector("PINGRESP " + v, v, false, Hex.bytes("D0 00"), PingResp.INSTANCE));
            all.add(new Vector("DISCONNECT " + v, v, true, Hex.bytes("E0 00"), Disconnect.NORMAL));
        }
        all.add(new Vector("DISCONNECT 5 from server, no body", V5, false, Hex.bytes("E0 00"), Disconnect.NORMAL));
        all.add(new Vector("DISCONNECT 5 reason code only", V5, true, Hex.bytes("E0 01 04"),
                Disconnect.of(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE)));
        // reason 00 + properties 1+5 (session expiry 11 0000003C) = 7
        all.add(new Vector("DISCONNECT 5 session expiry", V5, true, Hex.bytes("E0 07 00 05 11 00 00 00 3C"),
                new Disconnect(ReasonCode.NORMAL_DISCONNECTION, Properties.builder().sessionExpiryInterval(60L).build())));
        // reason 8B + properties 1+6 (reason string "bye") = 8
        all.add(new Vector("DISCONNECT 5 from server", V5, false, Hex.bytes("E0 08 8B 06 1F 00 03 62 79 65"),
                new Disconnect(ReasonCode.SERVER_SHUTTING_DOWN, Properties.builder().reasonString("bye").build())));
        all.add(new Vector("AUTH 5 empty", V5, true, Hex.bytes("F0 00"), new Auth(ReasonCode.SUCCESS, Properties.EMPTY)));
        // reason 18 + properties 1+12 (method 15 "SCRAM" 8, data 16 0001 AA 4) = 14
        all.add(new Vector("AUTH 5 continue", V5, false, Hex.bytes("F0 0E 18 0C 15 00 05 53 43 52 41 4D 16 00 01 AA"),
                new Auth(ReasonCode.CONTINUE_AUTHENTICATION, Properties.builder().authenticationMethod("SCRAM")
                        .authenticationData(new byte[] {(byte) 0xAA}).build())));
    }
}
