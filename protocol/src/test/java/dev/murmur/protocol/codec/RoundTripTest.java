package dev.murmur.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.property.PropertyId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** decode(encode(p)) equals p: for every fixture packet and version, and for random valid packets. */
class RoundTripTest {
    private static final int MAX = 16 << 20;
    private static final Set<PacketType> CLIENT_SENDS = EnumSet.of(PacketType.CONNECT, PacketType.PUBLISH,
            PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBREL, PacketType.PUBCOMP, PacketType.SUBSCRIBE,
            PacketType.UNSUBSCRIBE, PacketType.PINGREQ, PacketType.DISCONNECT, PacketType.AUTH);
    private static final Set<PacketType> SERVER_SENDS = EnumSet.of(PacketType.CONNACK, PacketType.PUBLISH,
            PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBREL, PacketType.PUBCOMP, PacketType.SUBACK,
            PacketType.UNSUBACK, PacketType.PINGRESP, PacketType.DISCONNECT, PacketType.AUTH);

    /** Every fixture packet with each version and each direction it may travel in. */
    static Stream<Arguments> fixtures() {
        List<Arguments> all = new ArrayList<>();
        for (MqttVersion v : MqttVersion.values()) {
            for (MqttPacket p : Packets.all(v)) {
                if (mayTravel(p, v, true)) {
                    all.add(Arguments.of(v, "client→server", p));
                }
                if (mayTravel(p, v, false)) {
                    all.add(Arguments.of(v, "server→client", p));
                }
            }
        }
        return all.stream();
    }

    /** Whether the decoder of that side accepts {@code p}: type by direction, plus content rules. */
    private static boolean mayTravel(MqttPacket p, MqttVersion v, boolean fromClient) {
        if (fromClient) {
            // Subscription identifiers on PUBLISH are server to client only (MQTT-3.3.4-6).
            return CLIENT_SENDS.contains(p.type())
                    && !(p instanceof Publish pub && pub.properties().has(PropertyId.SUBSCRIPTION_IDENTIFIER));
        }
        // Servers gained DISCONNECT in v5 and never send its Session Expiry Interval (MQTT-3.14.2-2).
        return SERVER_SENDS.contains(p.type()) && (p.type() != PacketType.DISCONNECT || v.isV5())
                && !(p instanceof Disconnect d && d.properties().has(PropertyId.SESSION_EXPIRY_INTERVAL));
    }

    private static MqttDecoder decoder(MqttVersion v, boolean fromClient, MqttPacket p) {
        if (!fromClient) {
            return MqttDecoder.forClient(v, MAX);
        }
        MqttDecoder d = MqttDecoder.forServer(MAX);
        if (!(p instanceof Connect)) {
            assertThat(d.decode(ByteBuffer.wrap(Golden.connect(v)))).isInstanceOf(DecodeResult.Decoded.class);
        }
        return d;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("fixtures")
    void fixturePacketSurvivesEncodeThenDecode(MqttVersion v, String direction, MqttPacket p) {
        boolean fromClient = direction.startsWith("client");
        ByteBuffer encoded = MqttEncoder.encode(p, v);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        assertThat(decoder(v, fromClient, p).decode(ByteBuffer.wrap(bytes))).isEqualTo(new DecodeResult.Decoded(p));
        assertThat(Decoding.byteByByte(decoder(v, fromClient, p), bytes)).isEqualTo(new DecodeResult.Decoded(p));
        assertThat(decoder(v, fromClient, p).decodeFrame(ByteBuffer.wrap(bytes))).isEqualTo(new DecodeResult.Decoded(p));
    }

    @Test
    void fixturesCoverEveryPacketTypeInBothDirections() {
        Set<PacketType> fromClients = EnumSet.noneOf(PacketType.class);
        Set<PacketType> fromServers = EnumSet.noneOf(PacketType.class);
        fixtures().forEach(a -> {
            MqttPacket p = (MqttPacket) a.get()[2];
            (((String) a.get()[1]).startsWith("client") ? fromClients : fromServers).add(p.type());
        });
        assertThat(fromClients).isEqualTo(CLIENT_SENDS);
        assertThat(fromServers).isEqualTo(SERVER_SENDS);
    }

    @Test
    void randomValidPacketsSurviveEncodeThenDecode() {
        long seed = 0x5EED_0F_C0DECL;
        int count = 20_000;
        System.out.println("RoundTripTest random packets seed=" + seed + " count=" + count);
        Random random = new Random(seed);
        RandomPackets generator = new RandomPackets(random);
        Set<PacketType> seen = EnumSet.noneOf(PacketType.class);
        Set<MqttVersion> versions = EnumSet.noneOf(MqttVersion.class);
        int withProperties = 0;
        for (int i = 0; i < count; i++) {
            RandomPackets.Sample s = generator.next();
            ByteBuffer encoded = MqttEncoder.encode(s.packet(), s.version());
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            MqttDecoder d = decoder(s.version(), s.fromClient(), s.packet());
            // Every fourth packet arrives in random pieces, the rest in one buffer.
            DecodeResult r = i % 4 == 0 ? Decoding.randomSplits(d, bytes, random) : d.decode(ByteBuffer.wrap(bytes));
            if (!(r instanceof DecodeResult.Decoded decoded && decoded.packet().equals(s.packet()))) {
                assertThat(r).as("seed %d sample #%d %s %s from %s: %s", seed, i, s.version(),
                        s.fromClient() ? "client" : "server", s.packet(), Hex.of(bytes))
                        .isEqualTo(new DecodeResult.Decoded(s.packet()));
            }
            seen.add(s.packet().type());
            versions.add(s.version());
            if (hasProperties(s.packet())) {
                withProperties++;
            }
        }
        assertThat(seen).hasSize(PacketType.values().length);
        assertThat(versions).hasSize(MqttVersion.values().length);
        assertThat(withProperties).as("v5 samples carrying properties").isGreaterThan(count / 10);
    }

    private static boolean hasProperties(MqttPacket p) {
        try {
            return !((Properties) p.getClass().getMethod("properties").invoke(p)).isEmpty();
        } catch (ReflectiveOperationException e) {
            return false; // PINGREQ and PINGRESP have none
        }
    }
}
