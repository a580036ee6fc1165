package dev.murmur.load.target;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The swarm stays on loopback unless both --host and --allow-remote say otherwise. */
class TargetGuardTest {

    @Test
    void loopbackTargetsPass() {
        for (String host : new String[] {"127.0.0.1", "127.1.2.3", "localhost", "::1"}) {
            assertThatCode(() -> TargetGuard.check(host, true, false)).as(host).doesNotThrowAnyException();
        }
    }

    @Test
    void nonLoopbackTargetsAreRefusedWithoutBothFlags() {
        // Documentation and private addresses: never contacted, only classified.
        for (String host : new String[] {"192.0.2.1", "10.0.0.1", "198.51.100.7", "2001:db8::1"}) {
            assertThatThrownBy(() -> TargetGuard.check(host, true, false)).as(host)
                    .isInstanceOf(TargetGuard.RefusedTarget.class).hasMessageContaining("--allow-remote");
            assertThatThrownBy(() -> TargetGuard.check(host, false, true)).as(host)
                    .isInstanceOf(TargetGuard.RefusedTarget.class);
        }
    }

    @Test
    void anExplicitHostWithAllowRemotePasses() {
        assertThatCode(() -> TargetGuard.check("192.0.2.1", true, true)).doesNotThrowAnyException();
    }

    @Test
    void unresolvableHostsAreRefused() {
        assertThatThrownBy(() -> TargetGuard.check("no-such-host.invalid", true, true))
                .isInstanceOf(TargetGuard.RefusedTarget.class);
    }
}
