package dev.murmur.node.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.AdminHttp;
import dev.murmur.node.support.PrometheusText;
import dev.murmur.node.support.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** config/grafana/murmur-dashboard.json only queries metric families a node really exposes. */
class GrafanaDashboardTest {
    private static final Pattern METRIC = Pattern.compile("\\b((?:murmur|jvm)_[a-z0-9_]+)");

    @Test
    void everyQueriedMetricExists() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("..", "config", "grafana",
                "murmur-dashboard.json")));
        Set<String> names = new TreeSet<>();
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher m = METRIC.matcher(expr.asText());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        assertThat(names).hasSizeGreaterThan(30);
        MurmurNode node = TestNode.start();
        try {
            PrometheusText scrape = PrometheusText.parse(new AdminHttp(node.adminPort()).get("/metrics").body());
            for (String name : names) {
                String family = name.replaceAll("_(bucket|sum|count)$", "");
                assertThat(scrape.type(name) != null || scrape.type(family) != null).as(name).isTrue();
            }
        } finally {
            node.close();
        }
    }
}
