package dev.murmur.node.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.ddata.ORMultiMap;
import org.apache.pekko.cluster.ddata.OneVersionVector;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.VersionVector;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Distributed Data values read with the node's configuration share one object per node address. */
class InterningReplicatedDataSerializerTest {
    private static ActorTestKit kit;
    /** Another node of this cluster (Distributed Data writes addresses without the system name). */
    private static SelfUniqueAddress otherNode;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create(ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = "127.0.0.1"
                pekko.remote.artery.canonical.port = 0
                """).withFallback(ConfigFactory.defaultReference()));
        otherNode = new SelfUniqueAddress(
                new UniqueAddress(new Address("pekko", kit.system().name(), "10.0.0.9", 25520), 4711L));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static SerializerWithStringManifest serializerFor(Object value) {
        Serializer s = SerializationExtension.get(Adapter.toClassic(kit.system())).findSerializerFor(value);
        return (SerializerWithStringManifest) s;
    }

    private static Object roundTrip(Object value) throws Exception {
        SerializerWithStringManifest s = serializerFor(value);
        return s.fromBinary(s.toBinary(value), s.manifest(value));
    }

    @Test
    void theNodeConfigurationBindsItUnderPekkosIdentifier() throws Exception {
        ORMultiMap<String, Integer> routes = ORMultiMap.<String, Integer>emptyWithValueDeltas()
                .addBindingBy("a/b", 3, otherNode);
        assertThat(serializerFor(routes)).isInstanceOf(InterningReplicatedDataSerializer.class);
        assertThat(serializerFor(routes).identifier()).isEqualTo(11); // the wire format other nodes expect
        @SuppressWarnings("unchecked")
        ORMultiMap<String, Integer> read = (ORMultiMap<String, Integer>) roundTrip(routes);
        assertThat(read.getEntries()).isEqualTo(routes.getEntries());
    }

    @Test
    void everyReadOfOneNodesDotSharesOneAddressObject() throws Exception {
        VersionVector written = VersionVector.create().increment(otherNode);
        OneVersionVector first = (OneVersionVector) roundTrip(written);
        OneVersionVector second = (OneVersionVector) roundTrip(written);
        assertThat(first).isEqualTo(written);
        assertThat(first.node()).isEqualTo(otherNode.uniqueAddress());
        assertThat(second.node()).isSameAs(first.node());
    }
}
