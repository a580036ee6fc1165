package dev.murmur.load.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a local process's resident memory (/proc/PID/status) and CPU time (/proc/PID/stat), so a
 * run can report what the broker under test paid for it.
 */
public final class ProcessStats {
    /** Clock ticks per second for /proc/PID/stat times; 100 on every mainstream Linux build. */
    private static final double CLOCK_TICKS = 100.0;
    private static final int UTIME_FIELD = 13;
    private static final int STIME_FIELD = 14;

    private ProcessStats() {
    }

    /** One reading: current and peak RSS in bytes, and user+system CPU seconds so far. */
    public record Sample(long rssBytes, long peakRssBytes, double cpuSeconds) {
    }

    /** Reads process {@code pid}, or returns null when it is gone or unreadable. */
    public static Sample read(int pid) {
        try {
            return parse(Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status")),
                    Files.readString(Path.of("/proc", Integer.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Sample parse(List<String> status, String stat) {
        long rss = kilobytes(status, "VmRSS:") * 1024;
        long hwm = kilobytes(status, "VmHWM:") * 1024;
        // The command name (field 2) is in parentheses and may contain spaces; fields after it are plain.
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long ticks = Long.parseLong(rest[UTIME_FIELD - 2]) + Long.parseLong(rest[STIME_FIELD - 2]);
        return new Sample(rss, Math.max(hwm, rss), ticks / CLOCK_TICKS);
    }

    private static long kilobytes(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }
}
