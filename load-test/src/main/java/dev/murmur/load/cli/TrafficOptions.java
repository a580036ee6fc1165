package dev.murmur.load.cli;

import dev.murmur.protocol.QoS;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Options on the messages of a run, its bounds and its reports. */
public final class TrafficOptions {
    @Option(names = {"-q", "--qos"}, defaultValue = "1", split = ",", converter = QosConverter.class,
            paramLabel = "0|1|2", description = "Publish QoS; a list (0,1,2) assigns levels to publishers in turn "
                    + "(default: ${DEFAULT-VALUE}).")
    List<QoS> qos;

    @Option(names = {"-s", "--payload-size"}, defaultValue = "64", paramLabel = "BYTES",
            description = "Payload bytes per message, at least the 23-byte verification header "
                    + "(default: ${DEFAULT-VALUE}).")
    int payloadSize;

    @Option(names = {"-r", "--rate"}, defaultValue = "100", paramLabel = "PER_SECOND",
            description = "Messages per second per publisher; 0 = as fast as flow control allows "
                    + "(retained: rounds per second) (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--total-rate", paramLabel = "PER_SECOND",
            description = "Messages per second over all publishers (overrides --rate).")
    Double totalRate;

    @Option(names = {"-d", "--duration"}, defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Measured traffic (connections: how long to hold them); "
                    + "at most 24h (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = {"-w", "--warmup"}, defaultValue = "2s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Traffic before measuring: verified, not timed "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--drain", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Longest wait for in-flight messages after publishing stops (default: ${DEFAULT-VALUE}).")
    Duration drain;

    @Option(names = {"-m", "--max-messages"}, defaultValue = "10000000", paramLabel = "N",
            description = "Stop publishing after N messages in total (default: ${DEFAULT-VALUE}).")
    long maxMessages;

    @Option(names = "--topic-prefix", paramLabel = "TOPIC",
            description = "First levels of every topic (default: murmur-load/<random run id>).")
    String topicPrefix;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Write a self-contained HTML report with throughput and latency charts.")
    Path html;

    @Option(names = "--pid", paramLabel = "PID",
            description = "Sample this local broker process's RSS and CPU (from /proc) during the run.")
    Integer pid;

    @Option(names = "--progress", negatable = true,
            description = "Live progress line on stderr (default: on for runs of 5 s or more).")
    Boolean progress;

    /** Runs shorter than this print no progress line unless asked to. */
    static final Duration PROGRESS_THRESHOLD = Duration.ofSeconds(5);

    double ratePerPublisher(int publishers) {
        if (totalRate != null) {
            if (totalRate < 0) {
                throw new IllegalArgumentException("--total-rate must not be negative");
            }
            return publishers == 0 ? 0 : totalRate / publishers;
        }
        return rate;
    }

    boolean progressWanted() {
        return progress != null ? progress : warmup.plus(duration).compareTo(PROGRESS_THRESHOLD) >= 0;
    }
}
