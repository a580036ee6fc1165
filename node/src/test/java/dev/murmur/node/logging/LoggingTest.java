package dev.murmur.node.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.packet.ConnAck;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The JSON layout, the text/json switch, and client id + remote address in the MDC of a connection's lines. */
class LoggingTest {

    @Test
    void jsonLayoutWritesOneParseableObjectPerLine() throws Exception {
        LoggingEvent e = new LoggingEvent("x", (Logger) LoggerFactory.getLogger("dev.murmur.Probe"), Level.WARN,
                "event=probe text=\"{}\"", new IllegalStateException("boom"), new Object[] {"quote\" and \\ and \n"});
        e.setMDCPropertyMap(Map.of("client_id", "dev-1", "remote", "10.0.0.1:5000"));
        JsonLayout layout = new JsonLayout();
        layout.start();
        String line = layout.doLayout(e);
        assertThat(line).endsWith("\n").doesNotContain("\n{");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("dev.murmur.Probe");
        assertThat(json.get("msg").asText()).isEqualTo("event=probe text=\"quote\" and \\ and \n\"");
        assertThat(json.get("client_id").asText()).isEqualTo("dev-1");
        assertThat(json.get("remote").asText()).isEqualTo("10.0.0.1:5000");
        assertThat(json.get("exception").asText()).startsWith("java.lang.IllegalStateException: boom");
        assertThat(json.get("ts").asText()).endsWith("Z");
    }

    @Test
    void switchableLayoutPicksTextOrJson() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger("dev.murmur.Probe"), Level.INFO, "event=hello", null, null);
        SwitchableLayout json = new SwitchableLayout();
        json.setContext(ctx);
        json.setFormat("json");
        json.start();
        assertThat(json.doLayout(e)).startsWith("{\"ts\":").contains("\"msg\":\"event=hello\"");
        SwitchableLayout text = new SwitchableLayout();
        text.setContext(ctx);
        text.setFormat("text");
        text.start();
        assertThat(text.doLayout(e)).contains("INFO  Probe event=hello").doesNotContain("{");
    }

    @Test
    void connectionLinesCarryClientIdAndRemoteInTheMdc() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.murmur.node.connection.ConnectionLogic");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        MurmurNode node = TestNode.start();
        String id = Clients.id("mdc");
        try (RawClient raw = new RawClient(node.mqttPort(), MqttVersion.V3_1_1)) {
            raw.send(RawClient.connect(MqttVersion.V3_1_1, id));
            assertThat(raw.read()).isInstanceOf(ConnAck.class);
            raw.sendBytes(0x82, 0x04, 0x00, 0x00, 0x00, 0x00); // SUBSCRIBE with packet id 0: protocol violation
            assertThat(raw.isClosedByServer()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> appender.list.stream()
                    .anyMatch(ev -> ev.getFormattedMessage().contains("event=protocol_violation")));
            ILoggingEvent ev = appender.list.stream()
                    .filter(x -> x.getFormattedMessage().contains("event=protocol_violation")).findFirst().orElseThrow();
            assertThat(ev.getMDCPropertyMap()).containsEntry(MdcLogger.CLIENT_ID, id);
            assertThat(ev.getMDCPropertyMap().get(MdcLogger.REMOTE)).startsWith("127.0.0.1:");
            assertThat(MDC.get(MdcLogger.CLIENT_ID)).isNull(); // nothing leaks into other threads' lines
        } finally {
            logger.detachAppender(appender);
            node.close();
        }
    }
}
