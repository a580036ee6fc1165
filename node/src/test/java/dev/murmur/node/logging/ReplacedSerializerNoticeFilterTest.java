package dev.murmur.node.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplacedSerializerNoticeFilterTest {
    private static final String LOGGER = "org.apache.pekko.serialization.Serialization(pekko://murmur)";
    private final ReplacedSerializerNoticeFilter filter = new ReplacedSerializerNoticeFilter();

    private static LoggingEvent event(String logger, String message) {
        LoggerContext context = new LoggerContext();
        return new LoggingEvent(LOGGER, context.getLogger(logger), Level.WARN, message, null, null);
    }

    @Test
    void pekkosNoticeAboutOurOwnDistributedDataSerializerIsDropped() {
        assertThat(filter.decide(event(LOGGER, "Using serializer [dev.murmur.node.serialization."
                + "InterningReplicatedDataSerializer] for message [org.apache.pekko.cluster.ddata.ORSet]. Note that "
                + "this serializer is not implemented by Apache Pekko."))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void everyOtherSerializationWarningPasses() {
        assertThat(filter.decide(event(LOGGER, "Using serializer [com.example.Other] for message "
                + "[org.apache.pekko.actor.ActorRef]. Note that this serializer is not implemented by Apache Pekko.")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event("dev.murmur.node.Other", "Using serializer [dev.murmur.node.serialization."
                + "InterningReplicatedDataSerializer]"))).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void theShippedLogbackConfigurationUsesIt() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/logback.xml")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("<filter class=\"" + ReplacedSerializerNoticeFilter.class.getName() + "\"/>");
        }
    }
}
