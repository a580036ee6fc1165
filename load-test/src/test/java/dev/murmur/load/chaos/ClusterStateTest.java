package dev.murmur.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Reading the local-cluster launcher's state file (format fixed by the cluster contract). */
class ClusterStateTest {
    @Test
    void readsNodesPidsAddressesAndRestarts() throws Exception {
        ClusterState s = ClusterState.parse("""
                nodes=2
                postgres.port=54321
                node.1.pid=12345
                node.1.mqtt=127.0.0.1:1883
                node.1.admin=127.0.0.1:8081
                node.1.remoting=127.0.0.11:25521
                node.1.restarts=0
                node.2.pid=12346
                node.2.mqtt=127.0.0.1:1884
                node.2.admin=127.0.0.1:8082
                node.2.remoting=127.0.0.12:25522
                node.2.restarts=3
                up=true
                """);
        assertThat(s.nodes()).isEqualTo(2);
        assertThat(s.up()).isTrue();
        assertThat(s.pid(2)).isEqualTo(12346);
        assertThat(s.mqtt(2)).isEqualTo(new InetSocketAddress("127.0.0.1", 1884));
        assertThat(s.remoting(1)).isEqualTo(new InetSocketAddress("127.0.0.11", 25521));
        assertThat(s.admin(1).getPort()).isEqualTo(8081);
        assertThat(s.restarts(2)).isEqualTo(3);
        assertThatThrownBy(() -> s.pid(3)).hasMessageContaining("node.3.pid");
    }

    @Test
    void addressesMustBeHostAndPort() {
        assertThat(ClusterState.address("[::1]:1883").getPort()).isEqualTo(1883);
        assertThatThrownBy(() -> ClusterState.address("127.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterState.address("127.0.0.1:0")).isInstanceOf(IllegalArgumentException.class);
    }
}
