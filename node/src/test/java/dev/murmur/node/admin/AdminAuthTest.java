package dev.murmur.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.auth.PasswordHasher;
import dev.murmur.node.config.InvalidSettingException;
import dev.murmur.node.support.AdminHttp;
import dev.murmur.node.support.TestNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Credentials, roles and refusals of the admin API (401 / 403 with a JSON body). */
class AdminAuthTest {
    /** Fast hashes for tests; production hashes use PasswordHasher.DEFAULT_ITERATIONS. */
    private static final int ITERATIONS = 1_000;
    private static MurmurNode node;
    private static AdminHttp anonymous;

    @BeforeAll
    static void start() {
        node = TestNode.start("""
                murmur.admin.auth.tokens = [{ name = "grafana", hash = "%s", role = viewer }]
                murmur.admin.auth.users = [
                  { name = "ops", hash = "%s", role = admin },
                  { name = "intern", hash = "%s", role = viewer }
                ]
                murmur.admin.auth.metrics-public = on
                """.formatted(hash("scrape-token"), hash("s3cret"), hash("look-only")));
        anonymous = new AdminHttp(node.adminPort());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String hash(String secret) {
        return PasswordHasher.hash(secret.getBytes(StandardCharsets.UTF_8), ITERATIONS);
    }

    @Test
    void withoutCredentialsTheApiAnswers401WithAChallenge() {
        AdminHttp.Reply r = anonymous.get("/api/v1/node");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("credentials required");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(anonymous.get("/").status()).isEqualTo(401); // the dashboard too, so the browser asks
    }

    @Test
    void healthReadinessAndPublicMetricsNeedNoCredentials() {
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/ready").status()).isIn(200, 503);
        assertThat(anonymous.get("/metrics").status()).isEqualTo(200); // metrics-public = on
    }

    @Test
    void wrongCredentialsAre401() {
        assertThat(anonymous.withBasic("ops", "wrong").get("/api/v1/node").status()).isEqualTo(401);
        assertThat(anonymous.withBasic("nobody", "s3cret").get("/api/v1/node").status()).isEqualTo(401);
        assertThat(anonymous.withBearer("guess").get("/api/v1/node").status()).isEqualTo(401);
        assertThat(anonymous.withBearer("s3cret").get("/api/v1/node").json().get("error").asText())
                .isEqualTo("invalid credentials"); // a user's password is not a token
    }

    @Test
    void viewersReadButMayNotChangeAnything() {
        AdminHttp grafana = anonymous.withBearer("scrape-token");
        assertThat(grafana.get("/api/v1/node").status()).isEqualTo(200);
        AdminHttp.Reply refused = grafana.post("/api/v1/publish", "{\"topic\":\"t\",\"payload\":\"x\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).contains("viewer");
        AdminHttp intern = anonymous.withBasic("intern", "look-only");
        assertThat(intern.get("/api/v1/clients").status()).isEqualTo(200);
        assertThat(intern.delete("/api/v1/sessions/x").status()).isEqualTo(403);
    }

    @Test
    void adminsChangeThingsAndEveryChangeIsLoggedWithWhoDidIt() {
        Logger log = (Logger) LoggerFactory.getLogger(AdminServer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        try {
            AdminHttp ops = anonymous.withBasic("ops", "s3cret");
            assertThat(ops.post("/api/v1/publish", "{\"topic\":\"audit/t\",\"payload\":\"x\"}").status()).isEqualTo(200);
            assertThat(ops.get("/api/v1/node").status()).isEqualTo(200); // cached verification, same answer
            assertThat(appender.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("event=admin_action", "method=POST", "path=/api/v1/publish", "by=ops", "remote=127.0.0.1"));
            assertThat(appender.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("s3cret"));
        } finally {
            log.detachAppender(appender);
        }
    }

    @Test
    void nonLoopbackWithoutCredentialsRefusesEverythingButHealth() {
        MurmurNode open = TestNode.start("murmur.admin.host = \"0.0.0.0\"");
        try {
            AdminHttp http = new AdminHttp(open.adminPort());
            AdminHttp.Reply r = http.get("/api/v1/node");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.json().get("error").asText()).contains("disabled", "murmur.admin.auth");
            assertThat(http.get("/metrics").status()).isEqualTo(403);
            assertThat(http.get("/health").status()).isEqualTo(200);
        } finally {
            open.close();
        }
    }

    @Test
    void malformedCredentialsInConfigNameTheirKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestNode.start(
                        "murmur.admin.auth.users = [{ name = \"ops\", hash = \"plain-text\" }]"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("murmur.admin.auth.users[0].hash");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestNode.start(
                        "murmur.admin.auth.tokens = [{ name = \"t\", hash = \"%s\", role = root }]".formatted(hash("x"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("murmur.admin.auth.tokens[0].role");
    }
}
