package dev.murmur.node.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.murmur.node.admin.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code murmur ctl <command>}: the admin API from a terminal. Aligned tables for people,
 * {@code --json} (the API's own answer) for scripts.
 */
@Command(name = "ctl", mixinStandardHelpOptions = true,
        description = "Talks to a running node's admin API.",
        subcommands = {
            NodeCommands.Status.class, ClientCommands.Clients.class, ClientCommands.Client.class,
            ClientCommands.Kick.class, ClientCommands.Sessions.class, ClientCommands.DeleteSession.class,
            StoreCommands.Retained.class, StoreCommands.DeleteRetained.class, StoreCommands.Publish.class,
            StoreCommands.Subscriptions.class, NodeCommands.Cluster.class, NodeCommands.Listeners.class,
            NodeCommands.LogLevel.class, HashCommand.class
        })
public final class CtlCommand implements Callable<Integer> {
    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:MURMUR_ADMIN_URL:-http://127.0.0.1:8080}",
            description = "Admin API address (env MURMUR_ADMIN_URL). Default: ${DEFAULT-VALUE}")
    String url;

    @Mixin
    AdminAccess access;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    AdminClient client() {
        return access.client(url);
    }

    /** One ctl command: runs against the API, prints a table or JSON, maps failures to exit codes. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        CtlCommand ctl;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                JsonNode result = run(ctl.client());
                if (ctl.access.json) {
                    out.println(pretty(result));
                } else {
                    print(result, out);
                }
                out.flush();
                return 0;
            } catch (CtlException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("murmur ctl " + spec.name() + ": " + e.getMessage());
                err.flush();
                return e.exitCode();
            }
        }

        /** Calls the API; the answer is printed as JSON with --json. */
        abstract JsonNode run(AdminClient api);

        /** Prints the answer for people. */
        abstract void print(JsonNode result, PrintWriter out);

        static String pretty(JsonNode node) {
            try {
                return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
            } catch (JsonProcessingException e) {
                return node.toString();
            }
        }

        static String text(JsonNode n) {
            return n == null || n.isNull() || n.isMissingNode() ? "-" : n.asText();
        }
    }
}
