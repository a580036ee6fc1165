package dev.murmur.persistence.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The binding in reference.conf: marked messages, actor references inside them, serialize-messages on. */
class PekkoKryoBindingTest {
    /** A message with a reply-to, as our cluster messages have. */
    public record Ping(String text, ActorRef<Ping> replyTo) implements MurmurSerializable {
    }

    /** Registers {@link Ping}. */
    public static final class PingRegistrar implements KryoRegistrar {
        @Override
        public void registerTo(KryoRegistry registry) {
            registry.register(151, Ping.class);
        }
    }

    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.parseString("""
            pekko.actor.serialize-messages = on
            murmur.serialization.registrars.test = "dev.murmur.persistence.serialization.PekkoKryoBindingTest$PingRegistrar"
            """).withFallback(ConfigFactory.load()));

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void markedMessagesUseKryoAndActorRefsResolve() throws Exception {
        TestProbe<Ping> probe = KIT.createTestProbe();
        Ping ping = new Ping("hi", probe.getRef());
        Serialization s = SerializationExtension.get(KIT.system().classicSystem());
        assertThat(s.findSerializerFor(ping).identifier()).isEqualTo(MurmurKryoSerializer.IDENTIFIER);
        byte[] bytes = s.serialize(ping).get();
        Object back = s.deserialize(bytes, MurmurKryoSerializer.IDENTIFIER, Serializers.manifestFor(
                s.findSerializerFor(ping), ping)).get();
        assertThat(back).isEqualTo(ping);

        // serialize-messages = on: this tell is serialized and deserialized on its way.
        probe.getRef().tell(ping);
        assertThat(probe.receiveMessage()).isEqualTo(ping);
    }

    @Test
    void javaSerializationIsOff() {
        assertThat(KIT.system().settings().config().getBoolean("pekko.actor.allow-java-serialization")).isFalse();
        assertThat(MurmurKryoSerializer.registrarNames(KIT.system().settings().config()))
                .containsExactlyInAnyOrderElementsOf(List.of(ProtocolRegistrar.class.getName(),
                        PingRegistrar.class.getName()));
    }
}
