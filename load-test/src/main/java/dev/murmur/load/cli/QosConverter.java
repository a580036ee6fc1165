package dev.murmur.load.cli;

import dev.murmur.protocol.QoS;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a QoS level 0, 1 or 2. */
public final class QosConverter implements ITypeConverter<QoS> {
    @Override
    public QoS convert(String value) {
        QoS q;
        try {
            q = QoS.ofValue(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            q = null;
        }
        if (q == null) {
            throw new TypeConversionException("QoS must be 0, 1 or 2, not '" + value + "'");
        }
        return q;
    }
}
