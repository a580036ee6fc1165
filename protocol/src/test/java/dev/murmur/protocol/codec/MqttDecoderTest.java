package dev.murmur.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.PingReq;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.property.Properties;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming behaviour of {@link MqttDecoder}: chunking, framing, limits, connection state. */
class MqttDecoderTest {

    static Stream<Golden.Vector> vectors() {
        return Golden.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void goldenVectorDecodesInOneCall(Golden.Vector v) {
        assertThat(Decoding.packet(Golden.decoderFor(v), v.bytes())).isEqualTo(v.packet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void goldenVectorDecodesAsAFrame(Golden.Vector v) {
        ByteBuffer frame = ByteBuffer.wrap(v.bytes());
        DecodeResult r = Golden.decoderFor(v).decodeFrame(frame);
        assertThat(r).isEqualTo(new DecodeResult.Decoded(v.packet()));
        assertThat(frame.hasRemaining()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void goldenVectorDecodesOneByteAtATime(Golden.Vector v) {
        assertThat(Decoding.byteByByte(Golden.decoderFor(v), v.bytes())).isEqualTo(new DecodeResult.Decoded(v.packet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void goldenVectorDecodesInRandomSplits(Golden.Vector v) {
        long seed = 42 + v.name().hashCode();
        Random random = new Random(seed);
        for (int i = 0; i < 50; i++) {
            assertThat(Decoding.randomSplits(Golden.decoderFor(v), v.bytes(), random))
                    .as("seed %d round %d", seed, i).isEqualTo(new DecodeResult.Decoded(v.packet()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void goldenVectorDecodesFromDirectAndReadOnlyBuffers(Golden.Vector v) {
        ByteBuffer direct = ByteBuffer.allocateDirect(v.bytes().length).put(v.bytes()).flip();
        assertThat(Golden.decoderFor(v).decode(direct)).isEqualTo(new DecodeResult.Decoded(v.packet()));
        ByteBuffer readOnly = ByteBuffer.wrap(v.bytes()).asReadOnlyBuffer();
        assertThat(Golden.decoderFor(v).decode(readOnly)).isEqualTo(new DecodeResult.Decoded(v.packet()));
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void severalPacketsInOneBufferDecodeOneAfterAnother(MqttVersion version) {
        List<Golden.Vector> fromClients = Golden.all().stream()
                .filter(v -> v.fromClient() && v.version() == version && !(v.packet() instanceof Connect)).toList();
        byte[] all = Hex.concat(Stream.concat(Stream.of(Golden.connect(version)), fromClients.stream().map(Golden.Vector::bytes))
                .toArray(byte[][]::new));
        MqttDecoder d = MqttDecoder.forServer(Golden.MAX);
        ByteBuffer in = ByteBuffer.wrap(all);
        assertThat(d.decode(in)).isInstanceOf(DecodeResult.Decoded.class);
        for (Golden.Vector v : fromClients) {
            assertThat(d.decode(in)).as(v.name()).isEqualTo(new DecodeResult.Decoded(v.packet()));
        }
        assertThat(in.hasRemaining()).isFalse();
        assertThat(d.decode(in)).isSameAs(DecodeResult.NeedMoreData.INSTANCE);
    }

    @Test
    void packetsSplitAcrossChunkBoundariesDecodeInOrder() {
        byte[] two = Hex.concat(Hex.bytes("40 02 00 01"), Hex.bytes("C0 00"), Hex.bytes("40 02 00 02"));
        MqttDecoder d = Decoding.server(MqttVersion.V3_1_1);
        assertThat(d.decode(ByteBuffer.wrap(two, 0, 3))).isSameAs(DecodeResult.NeedMoreData.INSTANCE);
        assertThat(d.bufferedBytes()).isEqualTo(1);
        ByteBuffer rest = ByteBuffer.wrap(two, 3, two.length - 3);
        assertThat(d.decode(rest)).isEqualTo(new DecodeResult.Decoded(PubAck.of(1)));
        assertThat(d.bufferedBytes()).isZero();
        assertThat(d.decode(rest)).isEqualTo(new DecodeResult.Decoded(PingReq.INSTANCE));
        assertThat(d.decode(rest)).isEqualTo(new DecodeResult.Decoded(PubAck.of(2)));
    }

    @Test
    void aFailureInABufferedBodyIsReportedNotThrown() {
        // Found by DecoderRobustnessTest: a body that arrived in pieces and then failed once made
        // the buffer bookkeeping dereference the released buffer.
        byte[] b = Hex.bytes("90 06 00 61 2F 62 00 0A");
        for (int split = 1; split < b.length; split++) {
            MqttDecoder d = Decoding.client(MqttVersion.V5);
            assertThat(d.decode(ByteBuffer.wrap(b, 0, split))).isSameAs(DecodeResult.NeedMoreData.INSTANCE);
            assertThat(Decoding.reason(d.decode(ByteBuffer.wrap(b, split, b.length - split))))
                    .as("split at %d", split).isEqualTo(ReasonCode.MALFORMED_PACKET);
            assertThat(d.bufferedBytes()).isZero();
        }
    }

    @Test
    void emptyInputNeedsMoreData() {
        assertThat(MqttDecoder.forServer(100).decode(ByteBuffer.allocate(0))).isSameAs(DecodeResult.NeedMoreData.INSTANCE);
    }

    @ParameterizedTest(name = "remaining length {0}")
    @ValueSource(ints = {3, 127, 128, 16_383, 16_384, 70_000})
    void variableByteIntegerBoundariesOfTheRemainingLength(int remainingLength) {
        // QoS 0 PUBLISH on topic "t" (3 bytes) whose payload fills the rest.
        byte[] payload = new byte[remainingLength - 3];
        Arrays.fill(payload, (byte) 0x5A);
        byte[] packet = Hex.packet(0x30, Hex.concat(Hex.bytes("00 01 74"), payload));
        int lengthBytes = remainingLength < 128 ? 1 : remainingLength < 16_384 ? 2 : 3;
        assertThat(packet).hasSize(1 + lengthBytes + remainingLength);
        MqttDecoder d = Decoding.server(MqttVersion.V3_1_1);
        assertThat(Decoding.byteByByte(d, packet)).isEqualTo(new DecodeResult.Decoded(
                new Publish("t", QoS.AT_MOST_ONCE, false, false, 0, payload, Properties.EMPTY)));
        assertThat(MqttFrames.frameLength(ByteBuffer.wrap(packet), Integer.MAX_VALUE)).isEqualTo(packet.length);
    }

    @Test
    void fiveByteRemainingLengthIsMalformed() {
        byte[] header = Hex.bytes("30 80 80 80 80 01");
        MqttDecoder d = Decoding.server(MqttVersion.V5);
        ByteBuffer in = ByteBuffer.wrap(header);
        assertThat(d.decode(in)).isEqualTo(new DecodeResult.Failed(ReasonCode.MALFORMED_PACKET,
                "remaining length longer than 4 bytes"));
        // Refused at the 4th length byte already: a 5th can never be valid.
        assertThat(Decoding.byteByByte(Decoding.server(MqttVersion.V5), Hex.bytes("30 FF FF FF FF")))
                .extracting(Decoding::reason).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void hugeAnnouncedLengthIsTooLargeBeforeAnyBodyIsBuffered() {
        // The largest remaining length 4 bytes can announce (268,435,455, about 256 MiB; 1 GB is not
        // representable) with only 2 body bytes present: refused at once, nothing kept.
        MqttDecoder d = Decoding.server(MqttVersion.V5);
        ByteBuffer in = ByteBuffer.wrap(Hex.bytes("30 FF FF FF 7F 00 01"));
        DecodeResult r = d.decode(in);
        assertThat(r).extracting(Decoding::reason).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
        assertThat(in.position()).as("only the fixed header was read").isEqualTo(5);
        assertThat(d.bufferedBytes()).isZero();
    }

    @Test
    void aTricklingLargePacketHoldsMemoryForTheBytesReceivedOnly() {
        // Announces a 1 MiB PUBLISH, then sends 10 body bytes: the decoder must not reserve 1 MiB.
        MqttDecoder d = MqttDecoder.forClient(MqttVersion.V5, 2 << 20);
        byte[] header = Hex.concat(new byte[] {0x30}, Hex.vbi(1 << 20));
        assertThat(d.decode(ByteBuffer.wrap(Hex.concat(header, new byte[10])))).isSameAs(DecodeResult.NeedMoreData.INSTANCE);
        assertThat(d.bufferedBytes()).isEqualTo(10);
        assertThat(d.bufferCapacity()).isLessThanOrEqualTo(256);
        // The rest arrives in 4 KiB pieces; the buffer grows with it.
        byte[] body = new byte[(1 << 20) - 10];
        DecodeResult r = DecodeResult.NeedMoreData.INSTANCE;
        for (int pos = 0; pos < body.length && r instanceof DecodeResult.NeedMoreData; pos += 4096) {
            r = d.decode(ByteBuffer.wrap(body, pos, Math.min(4096, body.length - pos)));
            if (r instanceof DecodeResult.NeedMoreData) {
                assertThat(d.bufferCapacity()).isLessThanOrEqualTo(2 * d.bufferedBytes() + 256);
            }
        }
        // All zeros: an empty topic without a topic alias, a v5 protocol error; the point is that the
        // whole body was buffered and decoded.
        assertThat(Decoding.reason(r)).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(d.bufferedBytes()).isZero();
    }

    @Test
    void maximumPacketSizeCountsTheWholePacket() {
        byte[] packet = Hex.bytes("30 07 00 03 61 2F 62 68 69"); // 9 bytes in all
        assertThat(Decoding.packet(MqttDecoder.forClient(MqttVersion.V3_1_1, 9), packet)).isInstanceOf(Publish.class);
        assertThat(Decoding.failure(MqttDecoder.forClient(MqttVersion.V3_1_1, 8), packet))
                .isEqualTo(ReasonCode.PACKET_TOO_LARGE);
        assertThat(MqttDecoder.forClient(MqttVersion.V3_1_1, 8).decodeFrame(ByteBuffer.wrap(packet)))
                .extracting(Decoding::reason).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
        assertThat(MqttFrames.frameLength(ByteBuffer.wrap(packet), 8)).isEqualTo(MqttFrames.TOO_LARGE);
    }

    @Test
    void failureIsStickyAndDiscardsLaterInput() {
        MqttDecoder d = MqttDecoder.forServer(100);
        DecodeResult first = d.decode(ByteBuffer.wrap(Hex.bytes("C0 00")));
        assertThat(first).extracting(Decoding::reason).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        ByteBuffer later = ByteBuffer.wrap(Golden.connect(MqttVersion.V5));
        assertThat(d.decode(later)).isSameAs(first);
        assertThat(later.hasRemaining()).isFalse();
        assertThat(d.decodeFrame(ByteBuffer.wrap(Golden.connect(MqttVersion.V5)))).isSameAs(first);
        assertThat(d.failure()).isSameAs(first);
    }

    @Test
    void firstPacketMustBeConnect_MQTT_3_1_0_1() {
        assertThat(Decoding.failure(MqttDecoder.forServer(100), Hex.bytes("30 07 00 03 61 2F 62 68 69")))
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(Decoding.failure(MqttDecoder.forServer(100), Hex.bytes("F0 00"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void secondConnectIsAProtocolError_MQTT_3_1_0_2(MqttVersion version) {
        MqttDecoder d = Decoding.server(version);
        assertThat(d.version()).isEqualTo(version);
        assertThat(d.connectProtocolLevel()).isEqualTo(version.level());
        assertThat(Decoding.failure(d, Golden.connect(version))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void serverSideLearnsTheVersionFromConnect() {
        MqttDecoder d = MqttDecoder.forServer(100);
        assertThat(d.version()).isNull();
        assertThat(d.connectProtocolLevel()).isEqualTo(-1);
        Decoding.packet(d, Golden.connect(MqttVersion.V3_1));
        assertThat(d.version()).isEqualTo(MqttVersion.V3_1);
        // A 3.1 decoder now reads DISCONNECT without a body, and no v5 properties anywhere.
        assertThat(Decoding.packet(d, Hex.bytes("40 02 00 07"))).isEqualTo(PubAck.of(7));
    }

    @ParameterizedTest(name = "{0} to a server")
    @ValueSource(strings = {"20 02 00 00", "90 03 00 01 00", "B0 02 00 01", "D0 00"})
    void serverToClientPacketsSentToAServerAreProtocolErrors(String hex) {
        for (MqttVersion v : MqttVersion.values()) {
            assertThat(Decoding.failure(Decoding.server(v), Hex.bytes(hex))).as(v.toString())
                    .isEqualTo(ReasonCode.PROTOCOL_ERROR);
        }
    }

    @ParameterizedTest(name = "{0} to a client")
    @ValueSource(strings = {"10 00", "82 00", "A2 00", "C0 00"})
    void clientToServerPacketsSentToAClientAreProtocolErrors(String hex) {
        for (MqttVersion v : MqttVersion.values()) {
            assertThat(Decoding.failure(Decoding.client(v), Hex.bytes(hex))).as(v.toString())
                    .isEqualTo(ReasonCode.PROTOCOL_ERROR);
        }
    }

    @Test
    void disconnectFromA311ServerIsAProtocolError() {
        assertThat(Decoding.failure(Decoding.client(MqttVersion.V3_1_1), Hex.bytes("E0 00")))
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void authBeforeV5IsAReservedTypeSoMalformed(MqttVersion version) {
        assertThat(Decoding.failure(Decoding.server(version), Hex.bytes("F0 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(Decoding.failure(Decoding.client(version), Hex.bytes("F0 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void reservedPacketTypeZeroIsMalformed() {
        assertThat(Decoding.failure(MqttDecoder.forServer(100), Hex.bytes("00 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(Decoding.failure(Decoding.client(MqttVersion.V5), Hex.bytes("00 00")))
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void badFlagsAreRefusedFromTheFirstByteAlone() {
        // Nothing but the first byte is needed to refuse SUBSCRIBE with flags 0000 (MQTT-2.1.3-1).
        MqttDecoder d = Decoding.server(MqttVersion.V3_1_1);
        ByteBuffer in = ByteBuffer.wrap(Hex.bytes("80"));
        assertThat(d.decode(in)).extracting(Decoding::reason)
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void decodeFrameRefusesAFrameWhoseLengthDisagreesWithItsHeader() {
        MqttDecoder d = Decoding.server(MqttVersion.V3_1_1);
        assertThat(d.decodeFrame(ByteBuffer.wrap(Hex.bytes("40 02 00 01 00"))))
                .extracting(Decoding::reason).isEqualTo(ReasonCode.MALFORMED_PACKET);
        MqttDecoder d2 = Decoding.server(MqttVersion.V3_1_1);
        assertThat(d2.decodeFrame(ByteBuffer.wrap(Hex.bytes("40 02 00"))))
                .extracting(Decoding::reason).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(Decoding.server(MqttVersion.V3_1_1).decodeFrame(ByteBuffer.wrap(Hex.bytes("40"))))
                .extracting(Decoding::reason).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void decodedPacketsDoNotShareTheInputBuffer() {
        byte[] bytes = Hex.bytes("30 07 00 03 61 2F 62 68 69");
        MqttPacket p = Decoding.packet(Decoding.server(MqttVersion.V3_1_1), bytes);
        Arrays.fill(bytes, (byte) 0);
        assertThat(((Publish) p).payload()).containsExactly(0x68, 0x69);
        assertThat(((Publish) p).topic()).isEqualTo("a/b");
    }

    @Test
    void maximumPacketSizeBelowTwoIsAConfigurationError() {
        assertThatThrownBy(() -> MqttDecoder.forServer(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
