package dev.murmur.protocol.codec.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.codec.MqttEncoder;
import dev.murmur.protocol.codec.Packets;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.property.PropertyId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Property sections: fixed order, repeated properties, length-prefix boundaries. */
class PropertyWriterTest {

    /**
     * A reason string of {@code reasonLength} ASCII bytes and the user property ("a", "b"):
     * content length 3 + reasonLength + 7.
     */
    private static Properties reasonThenUser(int reasonLength) {
        return Properties.builder().userProperty("a", "b").reasonString("r".repeat(reasonLength)).build();
    }

    private static byte[] expectedPubAck(int reasonLength, String propertyLengthHex, String remainingHex) {
        String reason = "72 ".repeat(reasonLength);
        return Hex.bytes("40 " + remainingHex + " 00 0A 80 " + propertyLengthHex
                + " 1F " + String.format("%02X %02X ", reasonLength >> 8, reasonLength & 0xFF) + reason
                + " 26 00 01 61 00 01 62");
    }

    private static byte[] encode(PubAck ack) {
        ByteBuffer buf = MqttEncoder.encode(ack, MqttVersion.V5);
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        assertThat(MqttEncoder.encodedSize(ack, MqttVersion.V5)).isEqualTo(bytes.length);
        return bytes;
    }

    @Test
    void propertyBlockOf127BytesHasAOneByteLength() {
        // 3 + 117 + 7 = 127 content bytes: property length 7F; remaining 2 + 1 + 1 + 127 = 131.
        PubAck ack = new PubAck(10, ReasonCode.UNSPECIFIED_ERROR, reasonThenUser(117));

        assertThat(encode(ack)).isEqualTo(expectedPubAck(117, "7F", "83 01"));
    }

    @Test
    void propertyBlockOf128BytesKeepsItsLastProperty() {
        // netty/netty#17105 once lost the last property of a >= 128-byte block: 3 + 118 + 7 =
        // 128 content bytes, property length 80 01, and the user property must still end it.
        PubAck ack = new PubAck(10, ReasonCode.UNSPECIFIED_ERROR, reasonThenUser(118));

        byte[] bytes = encode(ack);
        assertThat(bytes).isEqualTo(expectedPubAck(118, "80 01", "85 01"));
        assertThat(Hex.of(ByteBuffer.wrap(bytes, bytes.length - 7, 7))).isEqualTo("26 00 01 61 00 01 62");
    }

    @Test
    void propertyBlockAroundTheTwoByteLimit() {
        // Content of 16,383 bytes keeps a two-byte length (FF 7F); 16,384 needs three (80 80 01).
        // Reason strings are at most 65,535 bytes, so one suffices: 3 + n + 7.
        assertThat(encode(new PubAck(10, ReasonCode.UNSPECIFIED_ERROR, reasonThenUser(16_373))))
                .isEqualTo(expectedPubAck(16_373, "FF 7F", "84 80 01"));
        assertThat(encode(new PubAck(10, ReasonCode.UNSPECIFIED_ERROR, reasonThenUser(16_374))))
                .isEqualTo(expectedPubAck(16_374, "80 80 01", "86 80 01"));
    }

    @Test
    void everyBlockSizeAcrossTheOneByteLengthBoundaryIsSizedExactly() {
        for (int n = 90; n < 290; n++) {
            byte[] bytes = encode(new PubAck(1, ReasonCode.UNSPECIFIED_ERROR, reasonThenUser(n)));
            int content = 3 + n + 7;
            int lengthBytes = content < 128 ? 1 : 2;
            int remaining = 3 + lengthBytes + content;
            assertThat(bytes.length).as("reason length %d", n).isEqualTo(1 + (remaining < 128 ? 1 : 2) + remaining);
            assertThat(Hex.of(ByteBuffer.wrap(bytes, bytes.length - 7, 7))).isEqualTo("26 00 01 61 00 01 62");
        }
    }

    @Test
    void userPropertiesKeepTheirOrderAndDuplicates() {
        // MQTT 5.0 section 3.1.2.11.8: order matters and the same name may appear twice.
        Properties props = Properties.builder().userProperty("b", "2").userProperty("a", "1")
                .userProperty("b", "3").build();

        assertThat(Hex.of(MqttEncoder.encode(new PubAck(1, ReasonCode.SUCCESS, props), MqttVersion.V5)))
                .isEqualTo(Hex.normalize("""
                        40 19 00 01 00 15
                        26 00 01 62 00 01 32
                        26 00 01 61 00 01 31
                        26 00 01 62 00 01 33"""));
    }

    @ParameterizedTest
    @EnumSource(value = PacketType.class, names = {"CONNECT", "CONNACK", "PUBLISH", "PUBACK", "SUBSCRIBE",
        "SUBACK", "UNSUBACK", "DISCONNECT", "AUTH"})
    void allPropertiesOfAPacketAreWrittenInAscendingIdentifierOrder(PacketType type) {
        Properties props = Packets.allProperties(type);
        ByteBuffer out = ByteBuffer.allocate(PropertyWriter.sectionSize(props, type, PropertyWriter.KEEP_ALL));
        PropertyWriter.write(out, props, type, PropertyWriter.KEEP_ALL);
        assertThat(out.hasRemaining()).isFalse();

        List<Integer> ids = identifiers(out.flip());
        assertThat(ids).isSorted();
        List<Integer> expected = new ArrayList<>();
        for (PropertyId id : PropertyId.values()) {
            if (id.allowedIn(type)) {
                int count = id == PropertyId.USER_PROPERTY ? props.userProperties().size()
                        : id == PropertyId.SUBSCRIPTION_IDENTIFIER ? props.subscriptionIdentifiers().size() : 1;
                for (int i = 0; i < count; i++) {
                    expected.add(id.id());
                }
            }
        }
        assertThat(ids).isEqualTo(expected);
    }

    @Test
    void omissionLeavesOutReasonStringThenUserProperties() {
        Properties props = Properties.builder().reasonString("r").userProperty("k", "v").receiveMaximum(5).build();

        assertThat(PropertyWriter.sectionSize(props, PacketType.CONNACK, PropertyWriter.KEEP_ALL))
                .isEqualTo(1 + 4 + 3 + 7);
        assertThat(PropertyWriter.sectionSize(props, PacketType.CONNACK, PropertyWriter.OMIT_REASON_STRING))
                .isEqualTo(1 + 3 + 7);
        assertThat(PropertyWriter.sectionSize(props, PacketType.CONNACK,
                PropertyWriter.OMIT_REASON_STRING | PropertyWriter.OMIT_USER_PROPERTIES)).isEqualTo(1 + 3);
        assertThat(PropertyWriter.contentLength(Packets.diagnostics(), PacketType.PUBACK,
                PropertyWriter.OMIT_REASON_STRING | PropertyWriter.OMIT_USER_PROPERTIES)).isZero();
        assertThat(PropertyWriter.contentLength(Packets.diagnostics(), PacketType.PUBACK,
                PropertyWriter.OMIT_REASON_STRING)).isEqualTo(7 + 8);
    }

    /** Walks a written section and lists its identifiers (test-side reader, values skipped by type). */
    private static List<Integer> identifiers(ByteBuffer in) {
        int length = readVbi(in);
        int end = in.position() + length;
        List<Integer> ids = new ArrayList<>();
        while (in.position() < end) {
            PropertyId id = PropertyId.ofId(in.get());
            ids.add(id.id());
            switch (id.type()) {
                case BYTE -> in.get();
                case TWO_BYTE_INTEGER -> in.getShort();
                case FOUR_BYTE_INTEGER -> in.getInt();
                case VARIABLE_BYTE_INTEGER -> readVbi(in);
                case UTF8_STRING, BINARY_DATA -> skipLengthPrefixed(in);
                case UTF8_STRING_PAIR -> {
                    skipLengthPrefixed(in);
                    skipLengthPrefixed(in);
                }
            }
        }
        assertThat(in.position()).isEqualTo(end);
        return ids;
    }

    private static void skipLengthPrefixed(ByteBuffer in) {
        int length = in.getShort() & 0xFFFF;
        in.position(in.position() + length);
    }

    private static int readVbi(ByteBuffer in) {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = in.get() & 0xFF;
            value |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }
}
