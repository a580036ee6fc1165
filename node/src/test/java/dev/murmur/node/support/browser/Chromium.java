package dev.murmur.node.support.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol with the JDK's own HTTP and
 * WebSocket client: no driver binary, no browser download. The browser must be installed (Debian:
 * {@code apt-get install chromium}; .ci/run does it); without one, tests fail and say so.
 */
public final class Chromium implements AutoCloseable {
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final String httpBase;
    private final HttpClient http = HttpClient.newHttpClient();

    private Chromium(Process process, String httpBase) {
        this.process = process;
        this.httpBase = httpBase;
    }

    /** The browser binary: $CHROMIUM, else the usual Debian paths; fails with how to install it. */
    public static Path binary() {
        String env = System.getenv("CHROMIUM");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        for (String c : CANDIDATES) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        throw new AssertionError("Chromium is not installed, so the dashboard cannot be tested in a real browser. "
                + "Install Debian's package (as root: apt-get install -y chromium; .ci/run does this) or point "
                + "$CHROMIUM at a Chromium/Chrome binary.");
    }

    /** Starts a fresh headless browser with its own profile in {@code profile}. */
    public static Chromium launch(Path profile) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1", "about:blank")
                .redirectErrorStream(true).start();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = DEVTOOLS.matcher(line);
                    if (m.find()) {
                        endpoint.complete(m.group(1));
                    }
                }
                endpoint.completeExceptionally(new AssertionError("Chromium exited before opening DevTools"));
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
        }, "chromium-output");
        reader.setDaemon(true); // keeps draining the browser's output so it never blocks on a full pipe
        reader.start();
        try {
            URI ws = URI.create(endpoint.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            return new Chromium(p, "http://" + ws.getHost() + ":" + ws.getPort());
        } catch (Exception e) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not start: " + e, e);
        }
    }

    /** Opens a new tab on {@code url} and attaches to it. */
    public CdpPage open(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(httpBase + "/json/new?about:blank"))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode target = new ObjectMapper().readTree(r.body());
        CdpPage page = CdpPage.connect(URI.create(target.get("webSocketDebuggerUrl").asText()));
        page.navigate(url);
        return page;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
