package dev.murmur.node.logging;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A logger for one connection: every line it writes carries the client id and remote address in
 * the MDC ({@code client_id}, {@code remote}). A connection stage runs on whatever dispatcher
 * thread is free, so the MDC is set just before a line is written and cleared right after;
 * disabled levels cost nothing beyond the level check.
 */
public final class MdcLogger extends AbstractLogger {
    public static final String CLIENT_ID = "client_id";
    public static final String REMOTE = "remote";

    private final transient Logger delegate;
    private final transient Supplier<String> clientId;
    private final transient Supplier<?> remote;

    public MdcLogger(Logger delegate, Supplier<String> clientId, Supplier<?> remote) {
        this.delegate = delegate;
        this.clientId = clientId;
        this.remote = remote;
        this.name = delegate.getName();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] arguments,
                                               Throwable throwable) {
        String id = clientId.get();
        Object address = remote.get();
        if (id != null) {
            MDC.put(CLIENT_ID, id);
        }
        if (address != null) {
            MDC.put(REMOTE, address.toString());
        }
        try {
            LoggingEventBuilder b = delegate.makeLoggingEventBuilder(level).setMessage(message);
            if (marker != null) {
                b.addMarker(marker);
            }
            if (arguments != null) {
                for (Object a : arguments) {
                    b.addArgument(a);
                }
            }
            if (throwable != null) {
                b.setCause(throwable);
            }
            b.log();
        } finally {
            MDC.remove(CLIENT_ID);
            MDC.remove(REMOTE);
        }
    }

    @Override
    public boolean isTraceEnabled() {
        return delegate.isTraceEnabled();
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return delegate.isTraceEnabled(marker);
    }

    @Override
    public boolean isDebugEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return delegate.isDebugEnabled(marker);
    }

    @Override
    public boolean isInfoEnabled() {
        return delegate.isInfoEnabled();
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return delegate.isInfoEnabled(marker);
    }

    @Override
    public boolean isWarnEnabled() {
        return delegate.isWarnEnabled();
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return delegate.isWarnEnabled(marker);
    }

    @Override
    public boolean isErrorEnabled() {
        return delegate.isErrorEnabled();
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return delegate.isErrorEnabled(marker);
    }
}
