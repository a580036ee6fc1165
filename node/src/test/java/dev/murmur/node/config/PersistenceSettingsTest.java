package dev.murmur.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.murmur.persistence.journal.JournalDialect;
import java.io.File;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** murmur.persistence is validated at start-up; every error names the key. */
class PersistenceSettingsTest {
    private static PersistenceSettings parse(String hocon) {
        Config c = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
        return PersistenceSettings.from(c);
    }

    @Test
    void defaultsAreAnEmbeddedH2JournalUnderData() {
        PersistenceSettings s = parse("");
        assertThat(s.enabled()).isTrue();
        assertThat(s.journal().dialect()).isEqualTo(JournalDialect.H2);
        assertThat(s.journal().url()).contains("data").contains("murmur").contains("WRITE_DELAY=0");
        assertThat(s.createSchema()).isTrue();
        assertThat(s.handoffTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shippedPostgresConfigIsValid() {
        Config file = ConfigFactory.parseFile(new File("../config/persistence-postgres.conf"));
        PersistenceSettings s = PersistenceSettings.from(file.withFallback(ConfigFactory.defaultReference()).resolve());
        assertThat(s.journal().dialect()).isEqualTo(JournalDialect.POSTGRES);
        assertThat(s.journal().url()).startsWith("jdbc:postgresql:");
        assertThat(s.createSchema()).isFalse();
        assertThat(s.journal().toString()).doesNotContain("password");
    }

    @Test
    void unknownJournalNamesTheKey() {
        assertThatThrownBy(() -> parse("murmur.persistence.journal = cassandra"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("murmur.persistence.journal");
    }

    @Test
    void badPostgresUrlNamesTheKey() {
        assertThatThrownBy(() -> parse("murmur.persistence { journal = postgres, postgres.url = \"jdbc:mysql://x\" }"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("murmur.persistence.postgres.url");
    }

    @Test
    void outOfRangeValuesNameTheKey() {
        assertThatThrownBy(() -> parse("murmur.persistence.snapshot-every = 0"))
                .hasMessageContaining("murmur.persistence.snapshot-every");
        assertThatThrownBy(() -> parse("murmur.persistence.handoff-timeout = 0s"))
                .hasMessageContaining("murmur.persistence.handoff-timeout");
        assertThatThrownBy(() -> parse("murmur.persistence.retained-buckets = 0"))
                .hasMessageContaining("murmur.persistence.retained-buckets");
    }
}
