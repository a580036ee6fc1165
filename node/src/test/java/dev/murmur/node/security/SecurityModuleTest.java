package dev.murmur.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.auth.AuthRequest;
import dev.murmur.node.auth.AuthResult;
import dev.murmur.node.auth.Authenticator;
import dev.murmur.node.auth.Authorizer;
import dev.murmur.node.auth.ClientInfo;
import dev.murmur.node.config.InvalidSettingException;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Authenticator and Authorizer implementations named in murmur.auth are loaded and used. */
class SecurityModuleTest {
    /** Lets in only clients whose username is the configured one. */
    public static final class OnlyUser implements Authenticator {
        private final String user;

        public OnlyUser(Config config) {
            this.user = config.getString("test.only-user");
        }

        @Override
        public CompletionStage<AuthResult> authenticate(AuthRequest request) {
            return CompletableFuture.completedFuture(user.equals(request.username()) ? AuthResult.ALLOWED
                    : AuthResult.refused(ReasonCode.BAD_USER_NAME_OR_PASSWORD));
        }
    }

    /** Subscriptions only below "open/". */
    public static final class OpenOnly implements Authorizer {
        @Override
        public boolean mayPublish(ClientInfo client, String topic) {
            return true;
        }

        @Override
        public boolean maySubscribe(ClientInfo client, String topicFilter) {
            return topicFilter.startsWith("open/");
        }
    }

    @Test
    void configuredClassesDecide() throws Exception {
        try (MurmurNode node = TestNode.start("test.only-user = bob\n"
                + "murmur.auth.authenticator = \"" + OnlyUser.class.getName() + "\"\n"
                + "murmur.auth.authorizer = \"" + OpenOnly.class.getName() + "\"")) {
            try (RawClient c = new RawClient(node.mqttPort(), MqttVersion.V5)) {
                c.send(new Connect(MqttVersion.V5, Clients.id("spi"), true, 30, "eve", null, null, Properties.EMPTY));
                assertThat(c.readUntilClosed(Duration.ofSeconds(5))[3] & 0xFF).isEqualTo(0x86);
            }
            try (RawClient c = new RawClient(node.mqttPort(), MqttVersion.V5)) {
                c.send(new Connect(MqttVersion.V5, Clients.id("spi"), true, 30, "bob", null, null, Properties.EMPTY));
                assertThat(c.read()).isInstanceOf(ConnAck.class);
                c.send(new Subscribe(1, List.of(Subscription.of("open/a", QoS.AT_MOST_ONCE),
                        Subscription.of("closed/a", QoS.AT_MOST_ONCE)), Properties.EMPTY));
                assertThat(c.read()).isInstanceOfSatisfying(SubAck.class, s -> assertThat(s.reasonCodes())
                        .containsExactly(ReasonCode.GRANTED_QOS_0, ReasonCode.NOT_AUTHORIZED));
            }
        }
    }

    @Test
    void badClassNamesNameTheKey() {
        Config empty = com.typesafe.config.ConfigFactory.empty();
        assertThatThrownBy(() -> SecurityModule.instantiate("no.such.Class", Authorizer.class, empty, "murmur.auth.authorizer"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("murmur.auth.authorizer");
        assertThatThrownBy(() -> SecurityModule.instantiate(String.class.getName(), Authorizer.class, empty, "k"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("does not implement");
        assertThat(SecurityModule.instantiate(OpenOnly.class.getName(), Authorizer.class, empty, "k"))
                .isInstanceOf(OpenOnly.class);
    }
}
