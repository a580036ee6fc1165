package dev.murmur.node.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;

/**
 * The console layout, chosen at start-up: {@code text} (the pattern) or {@code json}
 * ({@link JsonLayout}). logback.xml sets the format from MURMUR_LOG_FORMAT.
 */
public final class SwitchableLayout extends LayoutBase<ILoggingEvent> {
    private String format = "text";
    private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{0} %msg%n";
    private Layout<ILoggingEvent> delegate;

    public void setFormat(String format) {
        this.format = format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if ("json".equalsIgnoreCase(format.trim())) {
            JsonLayout json = new JsonLayout();
            json.setContext(getContext());
            delegate = json;
        } else {
            if (!"text".equalsIgnoreCase(format.trim())) {
                addWarn("unknown log format '" + format + "', using text (expected text or json)");
            }
            PatternLayout text = new PatternLayout();
            text.setContext(getContext());
            text.setPattern(pattern);
            delegate = text;
        }
        delegate.start();
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return delegate.doLayout(event);
    }

    @Override
    public String getContentType() {
        return delegate == null ? super.getContentType() : delegate.getContentType();
    }
}
