package dev.murmur.load.client;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/** Adds Netty's WebSocket client (subprotocol "mqtt", binary frames) in front of the MQTT codec. */
final class WebSockets {
    /** The HTTP upgrade response is small; 8 KiB holds any sane one. */
    private static final int MAX_HTTP_RESPONSE = 8192;
    private static final int FRAME_OVERHEAD = 16;

    private WebSockets() {
    }

    static void addClientHandlers(ChannelPipeline p, boolean secure, String host, int port, String path,
                                  int maxPacketSize) {
        String normalized = path.startsWith("/") ? path : "/" + path;
        URI uri = URI.create((secure ? "wss://" : "ws://") + hostForUri(host) + ":" + port + normalized);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .subprotocol("mqtt")
                .customHeaders(new DefaultHttpHeaders())
                .maxFramePayloadLength(maxPacketSize + FRAME_OVERHEAD)
                .build();
        p.addLast("http", new HttpClientCodec());
        p.addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_RESPONSE));
        p.addLast("ws", new WebSocketClientProtocolHandler(config));
        p.addLast("ws-bridge", new WebSocketBridge());
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
