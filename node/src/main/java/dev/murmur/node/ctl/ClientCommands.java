package dev.murmur.node.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** clients, client, kick, sessions, delete-session. */
final class ClientCommands {
    private ClientCommands() {
    }

    @Command(name = "clients", description = "Connected clients, cluster-wide, in client id order.")
    static final class Clients extends CtlCommand.Sub {
        @Option(names = "--prefix", paramLabel = "P", description = "Client ids starting with P.")
        String prefix;

        @Option(names = "--username", paramLabel = "U", description = "Clients that authenticated as U.")
        String username;

        @Option(names = "--remote", paramLabel = "ADDR", description = "Remote address starting with ADDR.")
        String remote;

        @Option(names = "--protocol", paramLabel = "V", description = "3.1, 3.1.1 or 5.")
        String protocol;

        @Option(names = "--after", paramLabel = "ID", description = "Page after this client id (the 'next' of a page).")
        String after;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Page size. Default: ${DEFAULT-VALUE}")
        int limit;

        @Override
        JsonNode run(AdminClient api) {
            StringBuilder q = new StringBuilder("/api/v1/clients?limit=").append(limit);
            param(q, "prefix", prefix);
            param(q, "username", username);
            param(q, "remote", remote);
            param(q, "version", protocol);
            param(q, "after", after);
            return api.get(q.toString());
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            Table t = new Table("CLIENT ID", "USERNAME", "REMOTE", "PROTOCOL", "CONNECTED AT", "NODE");
            for (JsonNode c : r.get("clients")) {
                t.row(c.get("clientId").asText(), text(c.get("username")), c.get("remoteAddress").asText(),
                        c.get("protocol").asText(), c.get("connectedAt").asText(), c.get("node").asText());
            }
            t.print(out);
            out.println(t.size() + " of " + r.get("total").asInt() + " client(s)"
                    + (r.get("next").isNull() ? "" : "; next page: --after " + r.get("next").asText()));
        }
    }

    @Command(name = "client", description = "One client: its connection, session and subscriptions.")
    static final class Client extends CtlCommand.Sub {
        @Parameters(paramLabel = "CLIENT_ID")
        String clientId;

        @Override
        JsonNode run(AdminClient api) {
            return api.get("/api/v1/clients/" + AdminClient.enc(clientId));
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            JsonNode c = r.get("connection");
            JsonNode s = r.get("session");
            Table t = new Table("FIELD", "VALUE").row("client id", r.get("clientId").asText())
                    .row("connected", r.get("connected").asBoolean() ? "yes" : "no");
            if (c != null && !c.isNull()) {
                t.row("username", text(c.get("username"))).row("remote", c.get("remoteAddress").asText())
                        .row("protocol", c.get("protocol").asText()).row("connected at", c.get("connectedAt").asText())
                        .row("keep alive", c.get("keepAliveSeconds").asInt() + " s").row("node", c.get("node").asText());
            }
            if (s != null && !s.isNull()) {
                t.row("session expiry", s.get("sessionExpirySeconds").asLong() + " s")
                        .row("inflight", s.get("inflight").asInt()).row("queued", s.get("queued").asInt())
                        .row("will", s.get("hasWill").asBoolean() ? "yes" : "no");
            }
            t.print(out);
            if (s != null && !s.isNull() && !s.get("subscriptions").isEmpty()) {
                out.println();
                Table subs = new Table("FILTER", "QOS", "NO LOCAL", "RETAIN AS PUBLISHED", "ID");
                for (JsonNode sub : s.get("subscriptions")) {
                    subs.row(sub.get("filter").asText(), sub.get("maxQos").asInt(), sub.get("noLocal").asBoolean(),
                            sub.get("retainAsPublished").asBoolean(), text(sub.get("identifier")));
                }
                subs.print(out);
            }
        }
    }

    @Command(name = "kick", description = "Disconnects a client (MQTT 5: DISCONNECT 0x98 Administrative action).")
    static final class Kick extends CtlCommand.Sub {
        @Parameters(paramLabel = "CLIENT_ID")
        String clientId;

        @Override
        JsonNode run(AdminClient api) {
            return api.post("/api/v1/clients/" + AdminClient.enc(clientId) + "/kick", "");
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            out.println("kicked " + r.get("clientId").asText() + " (node " + r.get("node").asText() + ")");
        }
    }

    @Command(name = "sessions", description = "Sessions (connected or not), cluster-wide.")
    static final class Sessions extends CtlCommand.Sub {
        @Option(names = "--prefix", paramLabel = "P", description = "Client ids starting with P.")
        String prefix;

        @Option(names = "--after", paramLabel = "ID", description = "Page after this client id.")
        String after;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Page size (at most 100).")
        int limit;

        @Override
        JsonNode run(AdminClient api) {
            StringBuilder q = new StringBuilder("/api/v1/sessions?limit=").append(limit);
            param(q, "prefix", prefix);
            param(q, "after", after);
            return api.get(q.toString());
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            Table t = new Table("CLIENT ID", "CONNECTED", "PERSISTENT", "EXPIRY S", "SUBSCRIPTIONS", "INFLIGHT", "QUEUED",
                    "NODE");
            for (JsonNode s : r.get("sessions")) {
                t.row(s.get("clientId").asText(), s.get("connected").asBoolean() ? "yes" : "no",
                        s.get("persistent").asBoolean() ? "yes" : "no", s.get("sessionExpirySeconds").asLong(),
                        s.get("subscriptions").asInt(), s.get("inflight").asInt(), s.get("queued").asInt(),
                        s.get("node").asText());
            }
            t.print(out);
            out.println(t.size() + " of " + r.get("total").asInt() + " session(s)"
                    + (r.get("next").isNull() ? "" : "; next page: --after " + r.get("next").asText()));
        }
    }

    @Command(name = "delete-session", description = "Deletes a session (its client, if connected, is disconnected).")
    static final class DeleteSession extends CtlCommand.Sub {
        @Parameters(paramLabel = "CLIENT_ID")
        String clientId;

        @Override
        JsonNode run(AdminClient api) {
            return api.delete("/api/v1/sessions/" + AdminClient.enc(clientId));
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            out.println("deleted the session of " + r.get("clientId").asText());
        }
    }

    static void param(StringBuilder q, String name, String value) {
        if (value != null) {
            q.append('&').append(name).append('=').append(AdminClient.enc(value));
        }
    }
}
