package dev.murmur.node.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * The dashboard: one self-contained HTML page (inline CSS and vanilla JS, no external scripts,
 * fonts or CDNs) that reads the JSON API.
 */
final class DashboardPage {
    private static final String RESOURCE = "dashboard.html";

    private DashboardPage() {
    }

    static void addTo(AdminRouter router) {
        byte[] page = load();
        router.get("/", c -> CompletableFuture.completedFuture(HttpResponse.create()
                .withEntity(ContentTypes.TEXT_HTML_UTF8, page)
                // The page needs nothing from elsewhere; say so, so a browser refuses anything that tries.
                .addHeader(RawHeader.create("Content-Security-Policy",
                        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:"))
                .addHeader(RawHeader.create("Cache-Control", "no-store"))));
    }

    private static byte[] load() {
        try (InputStream in = DashboardPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("dashboard resource missing: " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
