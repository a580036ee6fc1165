package dev.murmur.load.report;

import java.util.Locale;

/** Human-readable numbers for the console and HTML reports. */
public final class Units {
    private static final double KIB = 1024.0;

    private Units() {
    }

    /** Microseconds as "850 µs", "1.25 ms" or "2.10 s". */
    public static String micros(double us) {
        if (us < 1_000) {
            return String.format(Locale.ROOT, "%.0f µs", us);
        }
        if (us < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", us / 1_000);
        }
        return String.format(Locale.ROOT, "%.2f s", us / 1_000_000);
    }

    /** Bytes as "512 B", "3.4 KiB", "120.5 MiB" or "1.20 GiB". */
    public static String bytes(double b) {
        if (b < KIB) {
            return String.format(Locale.ROOT, "%.0f B", b);
        }
        if (b < KIB * KIB) {
            return String.format(Locale.ROOT, "%.1f KiB", b / KIB);
        }
        if (b < KIB * KIB * KIB) {
            return String.format(Locale.ROOT, "%.1f MiB", b / KIB / KIB);
        }
        return String.format(Locale.ROOT, "%.2f GiB", b / KIB / KIB / KIB);
    }

    /** A rate with thousands separators and no decimals. */
    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }
}
