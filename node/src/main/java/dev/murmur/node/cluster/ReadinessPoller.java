package dev.murmur.node.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks every running node that has not answered yet for {@code GET /ready} (the same check a
 * load balancer makes); a 200 marks that incarnation of the node ready.
 */
final class ReadinessPoller {
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final List<NodeProcess> nodes;
    private final Runnable onReady;

    private ReadinessPoller(List<NodeProcess> nodes, Runnable onReady) {
        this.nodes = nodes;
        this.onReady = onReady;
    }

    /** Polls until {@code scheduler} shuts down; {@code onReady} runs after each node turned ready. */
    static void start(ScheduledExecutorService scheduler, List<NodeProcess> nodes, Runnable onReady) {
        ReadinessPoller p = new ReadinessPoller(nodes, onReady);
        scheduler.scheduleWithFixedDelay(p::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        for (NodeProcess n : nodes) {
            long pid = n.pid();
            if (n.ready() || !n.alive()) {
                continue;
            }
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + n.plan().admin() + "/ready"))
                    .timeout(TIMEOUT).GET().build();
            http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).thenAccept(r -> {
                if (r.statusCode() == 200 && n.markReady(pid)) {
                    onReady.run();
                }
            });
        }
    }
}
