package dev.murmur.node.support.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One browser tab over the DevTools protocol: navigate, evaluate JavaScript, watch requests, screenshot. */
public final class CdpPage implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 30;

    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> requestedUrls = new CopyOnWriteArrayList<>();
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    private WebSocket socket;

    private CdpPage() {
    }

    static CdpPage connect(URI ws) {
        CdpPage page = new CdpPage();
        page.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws, page.new Listener()).join();
        page.send("Page.enable", JSON.createObjectNode());
        page.send("Network.enable", JSON.createObjectNode());
        page.send("Runtime.enable", JSON.createObjectNode());
        return page;
    }

    /** Sends a command and waits for its result; a protocol error fails the test. */
    public JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        socket.sendText(msg.toString(), true).join();
        try {
            JsonNode r = reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (r.has("error")) {
                throw new AssertionError(method + " failed: " + r.get("error"));
            }
            return r.get("result");
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(method + ": no answer from the browser", e);
        }
    }

    void navigate(String url) {
        send("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** Evaluates an expression in the page (awaiting a promise) and returns its JSON value. */
    public JsonNode eval(String expression) {
        JsonNode r = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("page threw: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Emulates a device viewport (width x height CSS pixels). */
    public void viewport(int width, int height, boolean mobile) {
        send("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", mobile));
    }

    public void screenshot(Path file) throws java.io.IOException {
        JsonNode r = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    /** Every URL the page requested so far. */
    public List<String> requestedUrls() {
        return new ArrayList<>(requestedUrls);
    }

    /** console.error messages and uncaught exceptions so far. */
    public List<String> consoleErrors() {
        return new ArrayList<>(consoleErrors);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    private void onMessage(String text) {
        try {
            JsonNode m = JSON.readTree(text);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                if (f != null) {
                    f.complete(m);
                }
            } else {
                String method = m.path("method").asText();
                if (method.equals("Network.requestWillBeSent")) {
                    requestedUrls.add(m.path("params").path("request").path("url").asText());
                } else if (method.equals("Runtime.exceptionThrown")) {
                    consoleErrors.add(m.path("params").path("exceptionDetails").toString());
                } else if (method.equals("Runtime.consoleAPICalled") && m.path("params").path("type").asText().equals("error")) {
                    consoleErrors.add(m.path("params").path("args").toString());
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("bad DevTools message", e);
        }
    }

    /** Reassembles fragmented text frames (screenshots arrive in many). */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                onMessage(text);
            }
            ws.request(1);
            return null;
        }
    }
}
