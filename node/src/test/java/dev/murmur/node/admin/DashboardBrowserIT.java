package dev.murmur.node.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.AdminHttp;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.TestNode;
import dev.murmur.node.support.browser.CdpPage;
import dev.murmur.node.support.browser.Chromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium against a running node with live clients: its numbers
 * match the API, a search finds clients, the kick button disconnects one, nothing is loaded from
 * anywhere but the node, and it fits a phone's width. Screenshots land in target/.
 */
class DashboardBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void dashboardShowsTheNodeAndKicksAClient(@TempDir Path profile) throws Exception {
        MurmurNode node = TestNode.start();
        List<Mqtt5BlockingClient> clients = new ArrayList<>();
        String prefix = Clients.id("dash");
        try (Chromium browser = Chromium.launch(profile)) {
            for (int i = 0; i < 3; i++) {
                Mqtt5BlockingClient c = Clients.v5(node.mqttPort(), prefix + "-" + i);
                c.connect();
                c.subscribeWith().topicFilter(prefix + "/" + i + "/#").qos(MqttQos.AT_LEAST_ONCE).send();
                clients.add(c);
            }
            Mqtt5BlockingClient other = Clients.v5(node.mqttPort(), Clients.id("other"));
            other.connect();
            clients.add(other);
            for (int i = 0; i < 20; i++) { // traffic for the rates chart
                other.publishWith().topic(prefix + "/0/t").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
            }

            String base = "http://127.0.0.1:" + node.adminPort();
            AdminHttp api = new AdminHttp(node.adminPort());
            CdpPage page = browser.open(base + "/");
            page.viewport(1280, 900, false);

            // the cards show what the API says
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode n = api.get("/api/v1/node").json();
                assertThat(page.eval("document.getElementById('connections').textContent").asText())
                        .isEqualTo(n.get("connections").asText());
                assertThat(page.eval("document.getElementById('subscriptions').textContent").asText())
                        .isEqualTo(n.get("subscriptions").asText());
                assertThat(page.eval("document.getElementById('sessions').textContent").asText())
                        .isEqualTo(n.get("sessions").asText());
                assertThat(page.eval("document.getElementById('node-status').textContent").asText()).isEqualTo("up");
            });
            assertThat(page.eval("document.getElementById('connections').textContent").asInt()).isEqualTo(4);
            // the live chart: traffic while the page watches shows up as a rate above zero
            await().atMost(WAIT).until(() -> {
                for (int i = 0; i < 10; i++) {
                    other.publishWith().topic(prefix + "/0/t").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {2}).send();
                }
                return page.eval("samples.filter(p => p.in > 0 && p.out > 0).length").asInt() >= 2;
            });
            String rateIn = page.eval("document.getElementById('rate-in').textContent").asText();
            assertThat(Double.parseDouble(rateIn.replace("k", ""))).isPositive();
            // drops by reason and cluster members
            assertThat(page.eval("document.querySelectorAll('#drops tr').length").asInt())
                    .isEqualTo(dev.murmur.node.metrics.MessageCounters.DropReason.values().length);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(page.eval("document.querySelectorAll('#members tr').length").asInt()).isEqualTo(1);
                assertThat(page.eval("document.querySelector('#members tr').textContent").asText())
                        .contains("this node", "up", "★");
            });

            // search
            page.eval("(() => { const s = document.getElementById('search'); s.value = '" + prefix + "';"
                    + " s.dispatchEvent(new Event('input')); })()");
            await().atMost(WAIT).untilAsserted(() -> assertThat(page.eval(
                    "Array.from(document.querySelectorAll('#clients tr')).map(r => r.dataset.clientId).join(',')")
                    .asText()).isEqualTo(prefix + "-0," + prefix + "-1," + prefix + "-2"));
            page.screenshot(Path.of("target", "dashboard.png"));

            // kick: the first click arms the button, the second disconnects the client
            String victim = prefix + "-1";
            String button = "document.querySelector('#clients tr[data-client-id=\"" + victim + "\"] button.kick')";
            page.eval(button + ".click()");
            assertThat(page.eval(button + ".textContent").asText()).isEqualTo("Confirm kick");
            page.eval(button + ".click()");
            await().atMost(WAIT).until(() -> !clients.get(1).getState().isConnected());
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(api.get("/api/v1/clients?prefix=" + victim).json().get("total").asInt()).isZero();
                assertThat(page.eval("document.querySelectorAll('#clients tr').length").asInt()).isEqualTo(2);
                assertThat(page.eval("document.getElementById('toast').textContent").asText())
                        .isEqualTo("Kicked " + victim);
            });
            page.screenshot(Path.of("target", "dashboard-after-kick.png"));

            // a phone-sized screen: nothing wider than the viewport
            page.viewport(390, 844, true);
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                    page.eval("document.documentElement.scrollWidth <= window.innerWidth").asBoolean()).isTrue());
            page.screenshot(Path.of("target", "dashboard-narrow.png"));

            // self-contained: every request went to the node itself, and the page logged no errors
            assertThat(page.requestedUrls()).isNotEmpty().allMatch(u -> u.startsWith(base + "/"));
            assertThat(page.consoleErrors()).isEmpty();
            page.close();
        } finally {
            for (Mqtt5BlockingClient c : clients) {
                if (c.getState().isConnected()) {
                    c.disconnect();
                }
            }
            node.close();
        }
    }
}
