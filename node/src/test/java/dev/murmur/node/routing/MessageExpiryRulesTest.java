package dev.murmur.node.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.QoS;
import dev.murmur.protocol.property.Properties;
import org.junit.jupiter.api.Test;

/** The arithmetic of Message Expiry Interval (MQTT-3.3.2-5, MQTT-3.3.2-6). */
class MessageExpiryRulesTest {
    private static final long T0 = 1_000_000L;

    private static RoutedMessage message(Long expirySeconds) {
        return new RoutedMessage("t", new byte[0], QoS.AT_LEAST_ONCE, false,
                Properties.builder().messageExpiryInterval(expirySeconds).userProperty("k", "v").build(), "p", T0);
    }

    @Test
    void expiresExactlyWhenTheIntervalHasPassed() {
        RoutedMessage m = message(10L);
        assertThat(MessageExpiry.isExpired(m, T0 + 9_999)).isFalse();
        assertThat(MessageExpiry.isExpired(m, T0 + 10_000)).isTrue();
        assertThat(MessageExpiry.isExpired(message(null), Long.MAX_VALUE)).isFalse();
    }

    @Test
    void forwardedIntervalLosesTheWholeSecondsWaited() {
        RoutedMessage m = message(10L);
        assertThat(MessageExpiry.forwarded(m, T0 + 999)).isSameAs(m.properties());
        Properties later = MessageExpiry.forwarded(m, T0 + 3_500);
        assertThat(later.messageExpiryInterval()).isEqualTo(7L);
        assertThat(later.userProperties()).isEqualTo(m.properties().userProperties()); // the rest unchanged
        assertThat(MessageExpiry.forwarded(m, T0 + 60_000).messageExpiryInterval()).isZero();
        assertThat(MessageExpiry.forwarded(message(null), T0 + 60_000).messageExpiryInterval()).isNull();
    }
}
