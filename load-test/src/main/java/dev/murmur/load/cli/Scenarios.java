package dev.murmur.load.cli;

import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The scenario subcommands; each declares its own client counts and their defaults. */
public final class Scenarios {
    private Scenarios() {
    }

    /** connections: open N connections at the connect rate and hold them. */
    @Command(name = "connections", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Open N connections at --connect-rate, hold them for --duration (keep-alive pings only) "
                    + "and report connect rate, CONNACK latency, failures and, with --pid, the broker's RSS per "
                    + "connection.", ""})
    public static final class Connections extends ScenarioCommand {
        @Option(names = {"-n", "--connections"}, defaultValue = "1000", paramLabel = "N",
                description = "Connections to open (default: ${DEFAULT-VALUE}).")
        int connections;

        @Override
        protected Counts counts() {
            return new Counts(0, 0, 1, 1, connections);
        }
    }

    /** fan-in: P publishers, one wildcard subscriber. */
    @Command(name = "fan-in", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"P publishers on their own topics <prefix>/fan-in/<i> → S subscriber(s) on the wildcard "
                    + "<prefix>/fan-in/+ (each subscriber must get every message).", ""})
    public static final class FanIn extends ScenarioCommand {
        @Option(names = {"-P", "--publishers"}, defaultValue = "10", paramLabel = "N",
                description = "Publishers (default: ${DEFAULT-VALUE}).")
        int publishers;

        @Option(names = {"-S", "--subscribers"}, defaultValue = "1", paramLabel = "N",
                description = "Wildcard subscribers (default: ${DEFAULT-VALUE}).")
        int subscribers;

        @Override
        protected Counts counts() {
            return new Counts(publishers, subscribers, 1, 1, 0);
        }
    }

    /** fan-out: one publisher, S subscribers. */
    @Command(name = "fan-out", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"P publisher(s) on <prefix>/fan-out → S subscribers on that exact topic (fan-out S).", ""})
    public static final class FanOut extends ScenarioCommand {
        @Option(names = {"-P", "--publishers"}, defaultValue = "1", paramLabel = "N",
                description = "Publishers (default: ${DEFAULT-VALUE}).")
        int publishers;

        @Option(names = {"-S", "--subscribers"}, defaultValue = "100", paramLabel = "N",
                description = "Subscribers (default: ${DEFAULT-VALUE}).")
        int subscribers;

        @Override
        protected Counts counts() {
            return new Counts(publishers, subscribers, 1, 1, 0);
        }
    }

    /** pairs: N publisher/subscriber pairs on their own topics. */
    @Command(name = "pairs", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"N publisher/subscriber pairs, pair i on <prefix>/pairs/<i>; any cross-talk fails the "
                    + "run.", ""})
    public static final class Pairs extends ScenarioCommand {
        @Option(names = {"-N", "--pairs"}, defaultValue = "100", paramLabel = "N",
                description = "Pairs (default: ${DEFAULT-VALUE}).")
        int pairs;

        @Override
        protected Counts counts() {
            return new Counts(pairs, pairs, 1, 1, 0);
        }
    }

    /** shared: publishers into shared-subscription groups. */
    @Command(name = "shared", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"P publishers → S subscribers in G shared-subscription groups "
                    + "($share/g<k>/<prefix>/shared/+): each group gets every message exactly once over its members "
                    + "(at QoS 1 duplicates are allowed); order is not checked.", ""})
    public static final class Shared extends ScenarioCommand {
        @Option(names = {"-P", "--publishers"}, defaultValue = "10", paramLabel = "N",
                description = "Publishers (default: ${DEFAULT-VALUE}).")
        int publishers;

        @Option(names = {"-S", "--subscribers"}, defaultValue = "10", paramLabel = "N",
                description = "Subscribers, spread over the groups (default: ${DEFAULT-VALUE}).")
        int subscribers;

        @Option(names = {"-G", "--groups"}, defaultValue = "1", paramLabel = "N",
                description = "Shared-subscription groups (default: ${DEFAULT-VALUE}).")
        int groups;

        @Override
        protected Counts counts() {
            return new Counts(publishers, subscribers, groups, 1, 0);
        }
    }

    /** retained: rounds of retained messages fetched by fresh subscriptions. */
    @Command(name = "retained", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Rounds: publishers set a retained message on each of T topics, then S subscribers "
                    + "subscribe to <prefix>/retained/# and must each get every topic's latest message with the "
                    + "RETAIN flag, then unsubscribe. --rate is rounds per second; latency runs from the "
                    + "SUBSCRIBE. The topics are cleared at the end.", ""})
    public static final class Retained extends ScenarioCommand {
        @Option(names = {"-P", "--publishers"}, defaultValue = "1", paramLabel = "N",
                description = "Publishing clients, topics spread over them (default: ${DEFAULT-VALUE}).")
        int publishers;

        @Option(names = {"-S", "--subscribers"}, defaultValue = "10", paramLabel = "N",
                description = "Subscribers (default: ${DEFAULT-VALUE}).")
        int subscribers;

        @Option(names = {"-T", "--topics"}, defaultValue = "100", paramLabel = "N",
                description = "Retained topics (default: ${DEFAULT-VALUE}).")
        int topics;

        @Override
        protected Counts counts() {
            return new Counts(publishers, subscribers, 1, topics, 0);
        }

        @Override
        public dev.murmur.load.scenario.RunConfig config() {
            if (publishers < 1 || publishers > topics) {
                throw new IllegalArgumentException("retained needs 1..topics publishers");
            }
            return super.config();
        }
    }

    /** persistent: subscribers with persistent sessions go offline and come back while publishers run. */
    @Command(name = "persistent", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"P publishers on <prefix>/persistent/<i> → S subscribers with persistent sessions (clean "
                    + "start 0, session expiry --session-expiry or 300 s) on <prefix>/persistent/+ that disconnect "
                    + "every --reconnect-every and come back after --offline-for: every accepted QoS 1/2 message "
                    + "must still arrive. Sessions are removed at the end.", ""})
    public static final class Persistent extends ScenarioCommand {
        @Option(names = {"-P", "--publishers"}, defaultValue = "5", paramLabel = "N",
                description = "Publishers (default: ${DEFAULT-VALUE}).")
        int publishers;

        @Option(names = {"-S", "--subscribers"}, defaultValue = "5", paramLabel = "N",
                description = "Persistent subscribers (default: ${DEFAULT-VALUE}).")
        int subscribers;

        @Option(names = "--reconnect-every", defaultValue = "3s", converter = DurationConverter.class,
                paramLabel = "DURATION", description = "Each subscriber goes offline this often (default: "
                        + "${DEFAULT-VALUE}).")
        Duration reconnectEvery;

        @Option(names = "--offline-for", defaultValue = "1s", converter = DurationConverter.class,
                paramLabel = "DURATION", description = "and stays away this long (default: ${DEFAULT-VALUE}).")
        Duration offlineFor;

        @Override
        protected Counts counts() {
            return new Counts(publishers, subscribers, 1, 1, 0);
        }

        @Override
        protected Duration reconnectEvery() {
            return reconnectEvery;
        }

        @Override
        protected Duration offlineFor() {
            return offlineFor;
        }
    }
}
