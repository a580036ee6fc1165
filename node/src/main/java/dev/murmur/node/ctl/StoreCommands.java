package dev.murmur.node.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.murmur.node.admin.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** retained, delete-retained, publish, subscriptions. */
final class StoreCommands {
    private StoreCommands() {
    }

    @Command(name = "retained", description = "Retained messages matching a filter.")
    static final class Retained extends CtlCommand.Sub {
        @Parameters(arity = "0..1", paramLabel = "FILTER", defaultValue = "#", description = "Topic filter. Default: #")
        String filter;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N messages.")
        int limit;

        @Override
        JsonNode run(AdminClient api) {
            return api.get("/api/v1/retained?filter=" + AdminClient.enc(filter) + "&limit=" + limit);
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            Table t = new Table("TOPIC", "QOS", "BYTES", "PAYLOAD", "RECEIVED AT");
            for (JsonNode m : r.get("messages")) {
                JsonNode text = m.get("payload");
                t.row(m.get("topic").asText(), m.get("qos").asInt(), m.get("payloadSize").asInt(),
                        text.isNull() ? "(binary)" : text.asText(), m.get("receivedAt").asText());
            }
            t.print(out);
            out.println(t.size() + " of " + r.get("total").asInt() + " retained message(s)");
        }
    }

    @Command(name = "delete-retained", description = "Deletes the retained message of one topic.")
    static final class DeleteRetained extends CtlCommand.Sub {
        @Parameters(paramLabel = "TOPIC")
        String topic;

        @Override
        JsonNode run(AdminClient api) {
            return api.delete("/api/v1/retained?topic=" + AdminClient.enc(topic));
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            out.println("deleted the retained message of " + r.get("topic").asText());
        }
    }

    @Command(name = "publish", description = "Publishes a message (for testing a device).")
    static final class Publish extends CtlCommand.Sub {
        @Parameters(index = "0", paramLabel = "TOPIC")
        String topic;

        @Parameters(index = "1", arity = "0..1", paramLabel = "MESSAGE", defaultValue = "", description = "UTF-8 payload.")
        String message;

        @Option(names = {"-q", "--qos"}, defaultValue = "0", description = "0, 1 or 2. Default: ${DEFAULT-VALUE}")
        int qos;

        @Option(names = {"-r", "--retain"}, description = "Retain the message.")
        boolean retain;

        @Option(names = "--base64", description = "MESSAGE is base64 (binary payloads).")
        boolean base64;

        @Override
        JsonNode run(AdminClient api) {
            ObjectNode body = Json.MAPPER.createObjectNode().put("topic", topic).put("qos", qos).put("retain", retain);
            body.put(base64 ? "payloadBase64" : "payload", message);
            return api.post("/api/v1/publish", body.toString());
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            int shards = r.get("matchedShards").asInt();
            out.println("published to " + r.get("topic").asText() + (shards == 0 ? " (no subscribers)"
                    : " (" + shards + " shard(s) with subscribers)"));
        }
    }

    @Command(name = "subscriptions", description = "Subscriptions by topic filter prefix, or matching a topic.")
    static final class Subscriptions extends CtlCommand.Sub {
        @Option(names = "--filter", paramLabel = "PREFIX", description = "Filters starting with PREFIX.")
        String filter;

        @Option(names = "--topic", paramLabel = "TOPIC", description = "Filters that match TOPIC.")
        String topic;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N filters.")
        int limit;

        @Override
        JsonNode run(AdminClient api) {
            StringBuilder q = new StringBuilder("/api/v1/subscriptions?limit=").append(limit);
            ClientCommands.param(q, "filter", filter);
            ClientCommands.param(q, "topic", topic);
            return api.get(q.toString());
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            Table t = new Table("FILTER", "CLIENT ID", "QOS", "NO LOCAL", "SHARD");
            for (JsonNode s : r.get("subscriptions")) {
                t.row(s.get("filter").asText(), s.get("clientId").asText(), s.get("qos").asInt(),
                        s.get("noLocal").asBoolean(), s.get("shard").asInt());
            }
            t.print(out);
            out.println(t.size() + " subscription(s) on " + r.get("filters").asInt() + " of "
                    + r.get("totalFilters").asInt() + " matching filter(s)");
        }
    }
}
