package dev.murmur.persistence.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.RetainHandling;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round trips, explicit registration and the append-only schema-evolution rule. */
class MurmurKryoSerializerTest {
    private final MurmurKryoSerializer serializer = new MurmurKryoSerializer(
            new KryoFactory(List.of(new ProtocolRegistrar(), new TestRegistrar()), null));

    private Object roundTrip(Object o) throws NotSerializableException {
        return serializer.fromBinary(serializer.toBinary(o), serializer.manifest(o));
    }

    @Test
    void publishWithEveryKindOfPropertyRoundTrips() throws Exception {
        Properties props = Properties.builder().payloadFormatIndicator(1).messageExpiryInterval(4_000_000_000L)
                .contentType("text/plain").responseTopic("r/t").correlationData(new byte[] {1, 2, 3})
                .userProperty("k", "v").userProperty("k", "v2").subscriptionIdentifier(268_435_455).build();
        Publish p = new Publish("a/b", QoS.EXACTLY_ONCE, true, true, 65_535, "hello".getBytes(StandardCharsets.UTF_8),
                props);
        assertThat(roundTrip(p)).isEqualTo(p);
        assertThat(serializer.manifest(p)).isEqualTo("108");
    }

    @Test
    void emptyPropertiesStayTheSharedEmptySet() throws Exception {
        assertThat(roundTrip(Properties.EMPTY)).isSameAs(Properties.EMPTY);
        assertThat(serializer.toBinary(Properties.EMPTY)).hasSize(3);
    }

    @Test
    void recordsWithNullsCollectionsAndEnumsRoundTrip() throws Exception {
        Will will = new Will("w", new byte[0], QoS.AT_LEAST_ONCE, false, Properties.EMPTY);
        assertThat(roundTrip(will)).isEqualTo(will);
        Subscription s = new Subscription("a/+", QoS.AT_MOST_ONCE, true, false, RetainHandling.DO_NOT_SEND);
        assertThat(roundTrip(s)).isEqualTo(s);
        EvolutionSample withNull = new EvolutionSample("t", -5, new ArrayList<>(List.of(1, 2)), null, Long.MIN_VALUE);
        assertThat(roundTrip(withNull)).isEqualTo(withNull);
    }

    @Test
    void anUnregisteredClassIsRefusedNamingIt() {
        record Unregistered(String x) implements MurmurSerializable {
        }
        assertThatThrownBy(() -> serializer.toBinary(new Unregistered("x")))
                .hasMessageContaining("Unregistered").hasMessageContaining("KryoRegistrar");
    }

    @Test
    void anUnregisteredClassNestedInARecordIsRefused() {
        EvolutionSample nested = new EvolutionSample("t", 1, List.of(), null, 0);
        record Inner() {
        }
        List<Object> bad = List.of(new Inner());
        @SuppressWarnings("unchecked")
        EvolutionSample withBadList = new EvolutionSample("t", 1, (List<Integer>) (List<?>) bad, null, 0);
        assertThat(nested).isNotNull();
        assertThatThrownBy(() -> serializer.toBinary(withBadList)).hasMessageContaining("Inner");
    }

    @Test
    void bytesWrittenByVersion1ReadWithTheAppendedComponentsDefaulted() throws Exception {
        byte[] v1 = resource("/serialization/evolution-sample-v1.bin");
        Object read = serializer.fromBinary(v1, "150");
        assertThat(read).isEqualTo(new EvolutionSample("sensors/1/temp", 42, List.of(7, 9), null, 0L));
    }

    @Test
    void bytesFromANewerVersionAreRefusedNotMisread() {
        byte[] current = serializer.toBinary(new EvolutionSample("t", 1, List.of(), "n", 1));
        current[0] = 9; // as if written by a version with nine components
        assertThatThrownBy(() -> serializer.fromBinary(current, "150"))
                .isInstanceOf(NotSerializableException.class).hasMessageContaining("newer");
    }

    @Test
    void anUnknownManifestIsRefused() {
        assertThatThrownBy(() -> serializer.fromBinary(new byte[] {0}, "999"))
                .isInstanceOf(NotSerializableException.class).hasMessageContaining("999");
        assertThatThrownBy(() -> serializer.fromBinary(new byte[] {0}, "com.example.Foo"))
                .isInstanceOf(NotSerializableException.class);
    }

    @Test
    void idsAreCheckedForReuse() {
        KryoFactory clash = new KryoFactory(List.of(new ProtocolRegistrar(), r -> r.register(100, String[].class)), null);
        assertThatThrownBy(clash::create).hasMessageContaining("100");
        KryoFactory reserved = new KryoFactory(List.of(r -> r.register(5, String[].class)), null);
        assertThatThrownBy(reserved::create).hasMessageContaining("reserved");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MurmurKryoSerializerTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
