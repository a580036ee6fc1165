package dev.murmur.node.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per line for log shippers: time, level, logger, thread, message, the MDC
 * (client_id and remote on a connection's lines) and the exception. Written by hand because the
 * shape is small and fixed, and escaping is the only subtle part.
 */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {
    private static final int MAX_FRAMES = 30;

    @Override
    public String doLayout(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(256);
        b.append('{');
        field(b, "ts", Instant.ofEpochMilli(e.getTimeStamp()).toString()).append(',');
        field(b, "level", e.getLevel().toString()).append(',');
        field(b, "logger", e.getLoggerName()).append(',');
        field(b, "thread", e.getThreadName()).append(',');
        field(b, "msg", e.getFormattedMessage());
        Map<String, String> mdc = e.getMDCPropertyMap();
        if (mdc != null) {
            for (Map.Entry<String, String> m : mdc.entrySet()) {
                b.append(',');
                field(b, m.getKey(), m.getValue());
            }
        }
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            b.append(',');
            field(b, "exception", throwable(t));
        }
        return b.append('}').append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static String throwable(IThrowableProxy t) {
        StringBuilder s = new StringBuilder();
        for (IThrowableProxy cur = t; cur != null; cur = cur.getCause()) {
            if (cur != t) {
                s.append("\nCaused by: ");
            }
            s.append(cur.getClassName()).append(": ").append(cur.getMessage());
            StackTraceElementProxy[] frames = cur.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                s.append("\n\tat ").append(frames[i].getStackTraceElement());
            }
        }
        return s.toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        string(b, name).append(':');
        return value == null ? b.append("null") : string(b, value);
    }

    /** A JSON string literal (RFC 8259 section 7): quotes, backslashes and control characters escaped. */
    static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
