package dev.murmur.node.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.murmur.node.admin.Json;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** status, cluster, listeners, log-level. */
final class NodeCommands {
    private NodeCommands() {
    }

    @Command(name = "status", description = "This node: readiness, connections, sessions, message totals.")
    static final class Status extends CtlCommand.Sub {
        @Override
        JsonNode run(AdminClient api) {
            ObjectNode both = Json.MAPPER.createObjectNode();
            both.set("node", api.get("/api/v1/node"));
            both.set("ready", api.getAllowingUnavailable("/ready"));
            return both;
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            JsonNode n = r.get("node");
            JsonNode m = n.get("messages");
            Table t = new Table("FIELD", "VALUE")
                    .row("node", text(n.get("node")) + " (" + text(n.get("clusterNode")) + ")")
                    .row("version", n.get("version").asText())
                    .row("status", n.get("status").asText())
                    .row("ready", r.get("ready").get("ready").asBoolean() ? "yes" : "NO: " + failedChecks(r.get("ready")))
                    .row("uptime", duration(n.get("uptimeSeconds").asLong()))
                    .row("connections", n.get("connections").asLong())
                    .row("sessions", n.get("sessions").asLong() + " (" + n.get("sessionsPersistent").asLong()
                            + " persistent)")
                    .row("subscriptions", n.get("subscriptions").asLong())
                    .row("retained", n.get("retained").asLong())
                    .row("inflight / queued", n.get("inflight").asLong() + " / " + n.get("queued").asLong())
                    .row("messages in", m.get("published").asLong())
                    .row("messages out", m.get("delivered").asLong())
                    .row("messages dropped", m.get("dropped").asLong());
            t.print(out);
        }

        private static String failedChecks(JsonNode ready) {
            StringBuilder b = new StringBuilder();
            Iterator<Map.Entry<String, JsonNode>> it = ready.get("checks").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().get("ok").asBoolean()) {
                    b.append(b.length() == 0 ? "" : "; ").append(e.getKey()).append(": ")
                            .append(e.getValue().get("detail").asText());
                }
            }
            return b.toString();
        }

        private static String duration(long seconds) {
            long d = seconds / 86_400;
            long h = seconds % 86_400 / 3_600;
            long min = seconds % 3_600 / 60;
            return (d > 0 ? d + "d " : "") + h + "h " + min + "m " + seconds % 60 + "s";
        }
    }

    @Command(name = "cluster", description = "Cluster members: status, reachability, leader, shards.")
    static final class Cluster extends CtlCommand.Sub {
        @Override
        JsonNode run(AdminClient api) {
            return api.get("/api/v1/cluster");
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            Table t = new Table("NODE", "STATUS", "REACHABLE", "LEADER", "SHARDS", "ENTITIES", "ROLES");
            for (JsonNode m : r.get("members")) {
                t.row(m.get("node").asText() + (m.get("self").asBoolean() ? " (self)" : ""), m.get("status").asText(),
                        m.get("reachable").asBoolean() ? "yes" : "NO", m.get("leader").asBoolean() ? "*" : "",
                        m.get("shards").asInt(), m.get("entities").asInt(), m.get("roles").toString());
            }
            t.print(out);
            out.println(r.get("size").asInt() + " member(s), " + r.get("unreachable").asInt() + " unreachable");
        }
    }

    @Command(name = "listeners", description = "MQTT listeners and their TLS certificates.")
    static final class Listeners extends CtlCommand.Sub {
        @Override
        JsonNode run(AdminClient api) {
            return api.get("/api/v1/listeners");
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            Table t = new Table("NAME", "KIND", "ADDRESS", "MAX CONNECTIONS", "CERTIFICATE EXPIRES");
            for (JsonNode l : r.get("listeners")) {
                JsonNode tls = l.get("tls");
                t.row(l.get("name").asText(), l.get("kind").asText(), l.get("host").asText() + ":" + l.get("port").asInt(),
                        l.get("maxConnections").asLong(), tls == null || tls.isNull() ? "-"
                                : tls.get("notAfter").asText() + " (" + tls.get("expiresInDays").asLong() + " days)");
            }
            t.print(out);
        }
    }

    @Command(name = "log-level", description = "Shows or sets a logger's level at run time.")
    static final class LogLevel extends CtlCommand.Sub {
        @Parameters(index = "0", paramLabel = "LOGGER", description = "Logger name, e.g. dev.murmur.node or ROOT.")
        String logger;

        @Parameters(index = "1", arity = "0..1", paramLabel = "LEVEL",
                description = "TRACE, DEBUG, INFO, WARN, ERROR, OFF, or 'inherit' to drop the logger's own level.")
        String level;

        @Override
        JsonNode run(AdminClient api) {
            if (level == null) {
                return api.get("/api/v1/loggers?prefix=" + AdminClient.enc(logger));
            }
            String body = level.equalsIgnoreCase("inherit") ? "{\"level\":null}" : "{\"level\":\"" + level + "\"}";
            ObjectNode wrapped = Json.MAPPER.createObjectNode();
            wrapped.putArray("loggers").add(api.put("/api/v1/loggers/" + AdminClient.enc(logger), body));
            return wrapped;
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            Table t = new Table("LOGGER", "LEVEL", "EFFECTIVE");
            for (JsonNode l : r.get("loggers")) {
                t.row(l.get("name").asText(), text(l.get("level")), l.get("effectiveLevel").asText());
            }
            t.print(out);
        }
    }
}
