package dev.murmur.node.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import dev.murmur.node.serialization.InterningReplicatedDataSerializer;

/**
 * Drops Pekko's warning that a non-Pekko serializer is bound for its Distributed Data types: Murmur
 * binds {@link InterningReplicatedDataSerializer} on purpose (Pekko's, with node addresses
 * interned), and the warning would otherwise greet operators once per data type at every start.
 * Any other serialization warning passes.
 */
public final class ReplacedSerializerNoticeFilter extends Filter<ILoggingEvent> {
    private static final String SERIALIZATION_LOGGER = "org.apache.pekko.serialization.Serialization";
    private static final String OURS = InterningReplicatedDataSerializer.class.getName();

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLoggerName().startsWith(SERIALIZATION_LOGGER) && event.getFormattedMessage() != null
                && event.getFormattedMessage().contains("Using serializer [" + OURS + "]")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
