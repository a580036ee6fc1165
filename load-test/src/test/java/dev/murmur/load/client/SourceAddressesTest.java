package dev.murmur.load.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    @Test
    void spreadsRoundRobinFrom127002() throws Exception {
        SourceAddresses s = SourceAddresses.forTarget(InetAddress.getByName("127.0.0.1"), 3, 10);
        assertThat(s.next().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(s.next().getAddress().getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(s.next().getAddress().getHostAddress()).isEqualTo("127.0.0.4");
        assertThat(s.next().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(SourceAddresses.address(254).getHostAddress()).isEqualTo("127.0.1.0");
    }

    @Test
    void automaticCountFollowsThePlannedConnections() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        assertThat(SourceAddresses.forTarget(lo, -1, 1_000).count()).isZero();
        assertThat(SourceAddresses.forTarget(lo, -1, 100_000).count()).isEqualTo(5);
        Set<String> seen = new HashSet<>();
        SourceAddresses s = SourceAddresses.forTarget(lo, -1, 100_000);
        for (int i = 0; i < 10; i++) {
            seen.add(s.next().getAddress().getHostAddress());
        }
        assertThat(seen).hasSize(5);
    }

    @Test
    void neverBindsForNonLoopbackOrIpv6Targets() throws Exception {
        assertThat(SourceAddresses.forTarget(InetAddress.getByName("192.0.2.1"), 4, 100_000).next()).isNull();
        assertThat(SourceAddresses.forTarget(InetAddress.getByName("::1"), 4, 100_000).next()).isNull();
    }
}
