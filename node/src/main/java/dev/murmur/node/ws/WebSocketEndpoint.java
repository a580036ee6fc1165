package dev.murmur.node.ws;

import dev.murmur.node.auth.Peer;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * MQTT over WebSocket (MQTT 5.0 section 6): answers the upgrade on the listener's path with the
 * {@code mqtt} subprotocol and runs the same connection stage as TCP over the binary frames.
 * Frames are only a byte stream here: a packet may span frames and a frame may carry several
 * packets, exactly as TCP segments do.
 */
public final class WebSocketEndpoint {
    /** MQTT-6.0.0-3 / -4: the client offers, and the server selects, "mqtt". */
    static final String SUBPROTOCOL = "mqtt";
    /** Offered by MQTT 3.1 clients (e.g. Paho's v3.1 mode). */
    static final String SUBPROTOCOL_31 = "mqttv3.1";

    private WebSocketEndpoint() {
    }

    /**
     * The HTTP handler of one socket: one response per request, the upgrade switching the socket to
     * {@code mqtt}, built lazily so no connection stage exists before a successful upgrade.
     */
    public static Flow<HttpRequest, HttpResponse, NotUsed> handler(String path, Peer peer,
                                                                 Supplier<Flow<ByteString, ByteString, NotUsed>> mqtt,
                                                                 Materializer mat) {
        return Flow.<HttpRequest>create().map(req -> respond(req, path, peer, mqtt, mat));
    }

    private static HttpResponse respond(HttpRequest req, String path, Peer peer,
                                        Supplier<Flow<ByteString, ByteString, NotUsed>> mqtt, Materializer mat) {
        req.discardEntityBytes(mat); // an unread request body would stall the socket
        if (!path.equals(req.getUri().path())) {
            return HttpResponse.create().withStatus(StatusCodes.NOT_FOUND);
        }
        Optional<WebSocketUpgrade> upgrade = req.getAttribute(AttributeKeys.webSocketUpgrade);
        if (upgrade.isEmpty()) {
            return HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST).withEntity("expected a WebSocket upgrade");
        }
        String protocol = null;
        for (String p : upgrade.get().getRequestedProtocols()) {
            if (SUBPROTOCOL.equals(p) || SUBPROTOCOL_31.equals(p) && protocol == null) {
                protocol = p;
            }
        }
        if (protocol == null) {
            return HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST).withEntity("subprotocol mqtt required");
        }
        peer.markEstablished();
        return upgrade.get().handleMessagesWith(frames(mqtt.get()), protocol);
    }

    /** Binary frames in, the MQTT byte stream through the connection stage, binary frames out. */
    static Flow<Message, Message, NotUsed> frames(Flow<ByteString, ByteString, NotUsed> mqtt) {
        return Flow.<Message>create()
                .flatMapConcat(m -> m.isText()
                        // MQTT-6.0.0-1: anything but binary frames closes the connection
                        ? Source.<ByteString>failed(new IllegalStateException("text frame on an MQTT WebSocket"))
                        : m.asBinaryMessage().getStreamedData().mapMaterializedValue(x -> NotUsed.getInstance()))
                .via(mqtt)
                .map(bytes -> (Message) BinaryMessage.create(bytes));
    }
}
