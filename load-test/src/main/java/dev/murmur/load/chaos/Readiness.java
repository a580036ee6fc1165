package dev.murmur.load.chaos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Probes whether a node serves again: its admin API's {@code GET /ready}, or its MQTT port. */
final class Readiness {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    private Readiness() {
    }

    /** {@code GET http://<admin>/ready} answered 200. */
    static boolean ready(InetSocketAddress admin) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + admin.getHostString() + ":"
                + admin.getPort() + "/ready")).timeout(PROBE_TIMEOUT).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A TCP connection to {@code address} opens. */
    static boolean accepts(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, (int) PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
