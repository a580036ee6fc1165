package dev.murmur.load.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The live line on stderr: elapsed time, open connections, messages per second and the last
 * second's p99. On a terminal it rewrites itself in place; into a file or pipe it prints a line
 * every few seconds so logs stay short.
 */
public final class ProgressLine {
    private static final int PIPE_EVERY_SECONDS = 5;

    private final PrintStream out;
    private final String scenario;
    private final boolean terminal;
    private int printed;
    private boolean dirty;

    public ProgressLine(PrintStream out, String scenario) {
        this(out, scenario, System.console() != null);
    }

    ProgressLine(PrintStream out, String scenario, boolean terminal) {
        this.out = out;
        this.scenario = scenario;
        this.terminal = terminal;
    }

    public synchronized void print(Sample s) {
        printed++;
        String line = format(scenario, s);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            dirty = true;
        } else if (printed % PIPE_EVERY_SECONDS == 0) {
            out.println(line);
        }
        out.flush();
    }

    /** Prints a message on its own line without losing the progress line. */
    public synchronized void message(String text) {
        if (dirty) {
            out.println();
            dirty = false;
        }
        out.println(text);
    }

    public synchronized void finish() {
        if (dirty) {
            out.println();
            dirty = false;
        }
    }

    static String format(String scenario, Sample s) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "[%s] %6.1fs  conns %,d  sent %,d/s  delivered %,d/s  p99 %s", scenario, s.second(), s.connections(),
                s.sent(), s.delivered(), Units.micros(s.p99Micros())));
        if (s.targetRssBytes() > 0) {
            b.append("  target rss ").append(Units.bytes(s.targetRssBytes()));
        }
        return b.toString();
    }
}
