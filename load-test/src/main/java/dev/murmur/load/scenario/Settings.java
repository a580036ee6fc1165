package dev.murmur.load.scenario;

import dev.murmur.load.client.ClientEngine;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The options of a run as an ordered name → value map, for every report. */
final class Settings {
    private Settings() {
    }

    static Map<String, String> of(RunConfig c, ClientEngine engine) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("target", c.transport().host() + ":" + c.transport().port());
        m.put("transport", engine.protocolName() + " over " + engine.transportName()
                + (c.transport().webSocketPath() != null ? " " + c.transport().webSocketPath() : ""));
        m.put("mqtt", c.client().version() == dev.murmur.protocol.MqttVersion.V5 ? "5.0" : "3.1.1");
        m.put("qos", c.qos().stream().map(q -> Integer.toString(q.value())).collect(Collectors.joining(",")));
        switch (c.scenario()) {
            case "connections" -> m.put("connections", Integer.toString(c.connections()));
            case "pairs" -> m.put("pairs", Integer.toString(c.publishers()));
            case "retained" -> {
                m.put("publishers", Integer.toString(c.publishers()));
                m.put("subscribers", Integer.toString(c.subscribers()));
                m.put("topics", Integer.toString(c.topics()));
            }
            default -> {
                m.put("publishers", Integer.toString(c.publishers()));
                m.put("subscribers", Integer.toString(c.subscribers()));
            }
        }
        if (c.scenario().equals("shared")) {
            m.put("groups", Integer.toString(c.groups()));
        }
        if (c.scenario().equals("persistent")) {
            m.put("reconnect every", c.reconnectEvery().toMillis() + " ms");
            m.put("offline for", c.offlineFor().toMillis() + " ms");
        }
        m.put("payload", c.payloadSize() + " B");
        m.put("rate", c.ratePerPublisher() == 0 ? "unpaced (flow control)"
                : trim(c.ratePerPublisher()) + " msg/s per publisher");
        m.put("warm-up", c.warmup().toMillis() / 1000.0 + " s");
        m.put("duration", c.duration().toMillis() / 1000.0 + " s");
        m.put("max messages", Long.toString(c.maxMessages()));
        m.put("keep-alive", c.client().keepAliveSeconds() + " s");
        m.put("clean start", Boolean.toString(c.client().cleanStart()));
        m.put("session expiry", c.client().sessionExpiry() + " s");
        m.put("max in-flight", Integer.toString(c.client().maxInflight()));
        m.put("connect rate", trim(c.connectRate()) + "/s");
        m.put("source addresses", engine.sourceAddressCount() == 0 ? "kernel's choice"
                : engine.sourceAddressCount() + " from 127.0.0.2");
        m.put("event loops", Integer.toString(c.transport().threads()));
        return Collections.unmodifiableMap(m);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
