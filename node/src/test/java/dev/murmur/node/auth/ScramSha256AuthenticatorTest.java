package dev.murmur.node.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.support.ScramClient;
import dev.murmur.protocol.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SCRAM-SHA-256 exchange against an independent client implementation (RFC 5802, RFC 7677). */
class ScramSha256AuthenticatorTest {
    private final ScramSha256Authenticator server =
            new ScramSha256Authenticator(Map.of("alice", "wonderland", "a,b=c", "odd"), 4096);

    private static AuthStep step(EnhancedAuthExchange exchange, byte[] data) {
        return exchange.step(data).toCompletableFuture().join();
    }

    /** Runs both round trips; the second only when the first asked to continue. */
    private AuthStep run(ScramClient client) throws Exception {
        EnhancedAuthExchange exchange = server.start("c1", null);
        AuthStep first = step(exchange, client.clientFirst());
        if (!(first instanceof AuthStep.Continue challenge)) {
            return first;
        }
        return step(exchange, client.clientFinal(challenge.serverData()));
    }

    @Test
    void rightPasswordSucceedsAndTheServerProvesItself() throws Exception {
        ScramClient client = new ScramClient("alice", "wonderland");
        AuthStep result = run(client);
        assertThat(result).isInstanceOf(AuthStep.Succeeded.class);
        assertThat(client.serverIsAuthentic(((AuthStep.Succeeded) result).serverData())).isTrue();
    }

    @Test
    void userNamesWithCommaAndEqualsAreEscaped() throws Exception {
        assertThat(run(new ScramClient("a,b=c", "odd"))).isInstanceOf(AuthStep.Succeeded.class);
    }

    @Test
    void wrongPasswordFailsAtTheProof() throws Exception {
        assertThat(run(new ScramClient("alice", "guess"))).isEqualTo(new AuthStep.Failed(ReasonCode.NOT_AUTHORIZED));
    }

    @Test
    void unknownUserGetsAChallengeAndFailsOnlyAtTheProof() throws Exception {
        EnhancedAuthExchange exchange = server.start("c1", null);
        ScramClient client = new ScramClient("mallory", "x");
        AuthStep first = step(exchange, client.clientFirst());
        assertThat(first).isInstanceOf(AuthStep.Continue.class); // no hint that the user is unknown
        assertThat(step(exchange, client.clientFinal(((AuthStep.Continue) first).serverData())))
                .isInstanceOf(AuthStep.Failed.class);
    }

    @Test
    void malformedMessagesFail() {
        assertThat(step(server.start("c1", null), "garbage".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AuthStep.Failed.class);
        assertThat(step(server.start("c2", null), null)).isInstanceOf(AuthStep.Failed.class);
        assertThat(step(server.start("c3", null), "p=tls-unique,,n=alice,r=abc".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AuthStep.Failed.class); // channel binding is not offered
    }

    @Test
    void finalMessageOfAnotherExchangeFails() throws Exception {
        ScramClient client = new ScramClient("alice", "wonderland");
        EnhancedAuthExchange first = server.start("c1", null);
        byte[] clientFinal = client.clientFinal(((AuthStep.Continue) step(first, client.clientFirst())).serverData());
        EnhancedAuthExchange second = server.start("c2", null);
        step(second, new ScramClient("alice", "wonderland").clientFirst());
        assertThat(step(second, clientFinal)).isInstanceOf(AuthStep.Failed.class); // its nonce is not this one's
    }
}
