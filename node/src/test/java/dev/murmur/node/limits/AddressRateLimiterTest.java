package dev.murmur.node.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.packet.ConnAck;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Per-address connection rate: its own bucket per address, bounded memory, socket address without PROXY. */
class AddressRateLimiterTest {
    @Test
    void eachAddressHasItsOwnBudget() throws Exception {
        AddressRateLimiter l = new AddressRateLimiter(0.001, 2, 100);
        InetAddress a = InetAddress.getByName("10.0.0.1");
        InetAddress b = InetAddress.getByName("10.0.0.2");
        assertThat(l.tryAcquire(a)).isTrue();
        assertThat(l.tryAcquire(a)).isTrue();
        assertThat(l.tryAcquire(a)).isFalse();
        assertThat(l.tryAcquire(b)).isTrue();
    }

    @Test
    void trackedAddressesStayBounded() throws Exception {
        AddressRateLimiter l = new AddressRateLimiter(0.001, 1, 50);
        for (int i = 0; i < 1_000; i++) {
            l.tryAcquire(InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8), (byte) i}));
            assertThat(l.tracked()).isLessThanOrEqualTo(50);
        }
    }

    @Test
    void withoutProxyTheSocketAddressIsLimited() throws Exception {
        try (MurmurNode node = TestNode.start("murmur.listeners = [{ name = t, kind = tcp, host = \"127.0.0.1\", port = 0,"
                + " connection-rate-per-address = 0.1, connection-burst-per-address = 1 }]")) {
            try (RawClient first = new RawClient(node.mqttPort(), MqttVersion.V5)) {
                first.send(RawClient.connect(MqttVersion.V5, Clients.id("addr")));
                assertThat(first.read()).isInstanceOf(ConnAck.class);
                try (RawClient second = new RawClient(node.mqttPort(), MqttVersion.V5)) {
                    second.send(RawClient.connect(MqttVersion.V5, Clients.id("addr")));
                    assertThat(second.isClosedByServer()).isTrue();
                }
            }
        }
    }
}
