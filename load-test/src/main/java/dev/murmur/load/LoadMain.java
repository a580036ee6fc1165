package dev.murmur.load;

import dev.murmur.load.cli.Scenarios;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of ./murmur-load: a picocli command with one subcommand per scenario. */
@Command(name = "murmur-load", mixinStandardHelpOptions = true, version = "murmur-load 0.1.0",
        description = {"A Netty MQTT client swarm with verdicts: throughput, latency, loss, duplicates and order.",
            "Targets 127.0.0.1:1883 by default; non-loopback targets need --host and --allow-remote.",
            "Every run is bounded by --duration and --max-messages. Exit code 0 = passed, 1 = failed, 2 = bad options.",
            ""},
        subcommands = {Scenarios.Connections.class, Scenarios.FanIn.class, Scenarios.FanOut.class,
            Scenarios.Pairs.class, Scenarios.Shared.class, Scenarios.Retained.class, Scenarios.Persistent.class,
            dev.murmur.load.cli.ChaosCommand.class})
public final class LoadMain implements Runnable {

    /** The command line with every subcommand, for main and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new LoadMain()).setUsageHelpWidth(110);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
