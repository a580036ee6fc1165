package dev.murmur.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listener kinds, TLS, auth and limits settings: defaults, and errors that name their key. */
class EdgeSettingsTest {
    @TempDir
    Path dir;

    private static NodeSettings parse(String hocon) {
        Config c = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
        return NodeSettings.from(c);
    }

    private String pem() throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        Path key = Files.writeString(dir.resolve("k.pem"), "x");
        return "certificate = \"" + cert + "\", key = \"" + key + "\"";
    }

    @Test
    void eachKindHasItsDefaultPort() throws Exception {
        NodeSettings s = parse("murmur.listeners = [{ kind = tcp }, { kind = ws }, { kind = tls, tls { " + pem() + " } },"
                + " { kind = wss, tls { " + pem() + " } }]");
        assertThat(s.listeners()).extracting(ListenerSettings::port).containsExactly(1883, 8083, 8883, 8084);
        assertThat(s.listeners().get(1).path()).isEqualTo("/mqtt");
        assertThat(s.listeners().get(2).tls().engine()).isEqualTo(TlsSettings.Engine.JDK);
        assertThat(s.listeners().get(2).tls().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void listenerOverridesDefaults() {
        ListenerSettings l = parse("murmur.listeners = [{ kind = tcp, connection-rate = 50, proxy-protocol = on,"
                + " allow-anonymous = off }]").listeners().get(0);
        assertThat(l.connectionRate()).isEqualTo(50);
        assertThat(l.connectionBurst()).isEqualTo(50); // one second's worth
        assertThat(l.proxyProtocol()).isTrue();
        assertThat(l.allowAnonymous()).isFalse();
    }

    @Test
    void tlsListenerWithoutMaterialNamesTheKey() {
        assertThatThrownBy(() -> parse("murmur.listeners = [{ kind = tls }]"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("murmur.listeners[0].tls.certificate");
        assertThatThrownBy(() -> parse("murmur.listeners = [{ kind = tls, tls.certificate = /no/such/file }]"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("file not found");
    }

    @Test
    void clientAuthNeedsACa() throws Exception {
        String pem = pem();
        assertThatThrownBy(() -> parse("murmur.listeners = [{ kind = tls, tls { " + pem + ", client-auth = required } }]"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("murmur.listeners[0].tls.ca");
        assertThatThrownBy(() -> parse("murmur.listeners = [{ kind = tls, tls { " + pem + ", client-auth = maybe } }]"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("client-auth");
    }

    @Test
    void unknownProtocolAndEngineAreRefused() throws Exception {
        String pem = pem();
        assertThatThrownBy(() -> parse("murmur.listeners = [{ kind = tls, tls { " + pem + ", protocols = [SSLv3] } }]"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("tls.protocols");
        assertThatThrownBy(() -> parse("murmur.listeners = [{ kind = tls, tls { " + pem + ", engine = rustls } }]"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("tls.engine");
    }

    @Test
    void authAndLimitsDefaultsAndErrors() {
        NodeSettings s = parse("");
        assertThat(s.security().passwordFile()).isNull();
        assertThat(s.security().certificateIdentity()).isEqualTo(SecuritySettings.CertificateIdentity.OFF);
        assertThat(s.limits().throttlesPublishes()).isFalse();
        assertThatThrownBy(() -> parse("murmur.auth.acl-file = /no/such/acl"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("murmur.auth.acl-file");
        assertThatThrownBy(() -> parse("murmur.auth.certificate-identity = email"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("murmur.auth.certificate-identity");
        assertThatThrownBy(() -> parse("murmur.limits.memory-high-water = 1.5"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("murmur.limits.memory-high-water");
        assertThatThrownBy(() -> parse("murmur.limits.client.publish-rate = -1"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("murmur.limits.client.publish-rate");
    }

    @Test
    void shippedTlsConfigParses() {
        // Only its shape: the dev PKI it points at is generated on demand (config/tls/gen-dev-certs.sh).
        Config file = ConfigFactory.parseFile(new java.io.File("../config/tls.conf"));
        assertThat(file.getConfigList("murmur.listeners")).hasSize(5);
    }
}
