package dev.murmur.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Configuration is validated at start-up; every error names the key. */
class NodeSettingsTest {
    private static NodeSettings parse(String hocon) {
        Config c = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
        return NodeSettings.from(c);
    }

    @Test
    void referenceDefaultsAreValid() {
        NodeSettings s = parse("");
        assertThat(s.listeners()).singleElement().satisfies(l -> {
            assertThat(l.port()).isEqualTo(1883);
            assertThat(l.host()).isEqualTo("0.0.0.0");
        });
        assertThat(s.mqtt().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.sysInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shippedSingleNodeConfigIsValid() {
        Config file = ConfigFactory.parseFile(new File("../config/murmur.conf"));
        assertThat(NodeSettings.from(file.withFallback(ConfigFactory.defaultReference()).resolve()).nodeName())
                .isNotBlank();
    }

    @Test
    void outOfRangeNumberNamesTheKey() {
        assertThatThrownBy(() -> parse("murmur.mqtt.receive-maximum = 0"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("murmur.mqtt.receive-maximum");
    }

    @Test
    void wrongTypeNamesTheKey() {
        assertThatThrownBy(() -> parse("murmur.mqtt.connect-timeout = soon"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connect-timeout");
    }

    @Test
    void badListenerKindNamesTheListener() {
        assertThatThrownBy(() -> parse("murmur.listeners = [{ kind = carrier-pigeon, host = x, port = 1 }]"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("murmur.listeners[0].kind");
    }

    @Test
    void portOutOfRangeNamesTheListener() {
        assertThatThrownBy(() -> parse("murmur.listeners = [{ kind = tcp, host = x, port = 70000 }]"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("murmur.listeners[0].port");
    }

    @Test
    void packetSizeAcceptsByteUnits() {
        assertThat(parse("murmur.mqtt.max-packet-size = 64KiB").mqtt().maxPacketSize()).isEqualTo(65_536);
    }

    @Test
    void zeroDurationIsRefused() {
        assertThatThrownBy(() -> parse("murmur.shutdown.drain-timeout = 0s"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("murmur.shutdown.drain-timeout");
    }
}
