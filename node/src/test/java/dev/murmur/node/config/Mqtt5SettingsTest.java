package dev.murmur.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** murmur.mqtt5 is validated at start-up; every error names its key. */
class Mqtt5SettingsTest {
    private static Mqtt5Settings parse(String hocon) {
        Config c = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
        return NodeSettings.from(c).mqtt5();
    }

    @Test
    void defaultsEnableEveryFeature() {
        Mqtt5Settings s = parse("");
        assertThat(s.maximumQos()).isEqualTo(2);
        assertThat(s.retainAvailable()).isTrue();
        assertThat(s.sharedSubscriptionAvailable()).isTrue();
        assertThat(s.sharedSubscriptionStrategy()).isEqualTo(Mqtt5Settings.SharedStrategy.ROUND_ROBIN);
        assertThat(s.maxSessionExpirySeconds()).isEqualTo(Mqtt5Settings.NEVER_EXPIRES);
        assertThat(s.redirect()).isEqualTo(Mqtt5Settings.Redirect.NONE);
        assertThat(s.scramEnabled()).isFalse();
    }

    @Test
    void unknownStrategyNamesTheKeyAndTheChoices() {
        assertThatThrownBy(() -> parse("murmur.mqtt5.shared-subscription-strategy = fastest"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("murmur.mqtt5.shared-subscription-strategy")
                .hasMessageContaining("round-robin");
    }

    @Test
    void maximumQosAboveTwoIsRefused() {
        assertThatThrownBy(() -> parse("murmur.mqtt5.maximum-qos = 3"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("murmur.mqtt5.maximum-qos");
    }

    @Test
    void redirectNeedsAServerReference() {
        assertThatThrownBy(() -> parse("murmur.mqtt5.redirect = server-moved"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("murmur.mqtt5.server-reference");
    }

    @Test
    void sessionExpiryBeyondFourBytesIsRefused() {
        assertThatThrownBy(() -> parse("murmur.mqtt5.max-session-expiry-interval = 4294967296"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("murmur.mqtt5.max-session-expiry-interval");
    }

    @Test
    void scramUsersMustBeUniqueAndIterationsStrong() {
        assertThatThrownBy(() -> parse("""
                murmur.mqtt5.enhanced-auth.scram-sha-256.users = [
                  { username = "a", password = "1" }, { username = "a", password = "2" } ]
                """)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("murmur.mqtt5.enhanced-auth.scram-sha-256.users[1].username");
        assertThatThrownBy(() -> parse("murmur.mqtt5.enhanced-auth.scram-sha-256.iterations = 100"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("murmur.mqtt5.enhanced-auth.scram-sha-256.iterations");
    }

    @Test
    void passwordsNeverAppearInToString() {
        Mqtt5Settings s = parse("murmur.mqtt5.enhanced-auth.scram-sha-256.users = [{ username = u, password = secret }]");
        assertThat(s.scramEnabled()).isTrue();
        assertThat(s.toString()).contains("u").doesNotContain("secret");
    }
}
