package dev.murmur.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.property.PropertyId;
import dev.murmur.protocol.property.UserProperty;

/**
 * MQTT 5 properties keyed by their wire identifier (a stable number from the specification, not
 * an enum ordinal), each value written by its wire type. The empty set costs three bytes.
 */
final class PropertiesSerializer extends Serializer<Properties> {
    private static final PropertyId[] SINGLE = singleValued();

    PropertiesSerializer() {
        super(false, true);
    }

    private static PropertyId[] singleValued() {
        return java.util.Arrays.stream(PropertyId.values())
                .filter(p -> p != PropertyId.USER_PROPERTY && p != PropertyId.SUBSCRIPTION_IDENTIFIER)
                .toArray(PropertyId[]::new);
    }

    @Override
    public void write(Kryo kryo, Output output, Properties props) {
        int count = 0;
        for (PropertyId id : SINGLE) {
            if (props.has(id)) {
                count++;
            }
        }
        output.writeVarInt(count, true);
        for (PropertyId id : SINGLE) {
            Object v = props.get(id);
            if (v == null) {
                continue;
            }
            output.writeByte(id.id());
            switch (id.type()) {
                case BYTE, TWO_BYTE_INTEGER, VARIABLE_BYTE_INTEGER -> output.writeVarInt((Integer) v, true);
                case FOUR_BYTE_INTEGER -> output.writeVarLong((Long) v, true);
                case UTF8_STRING -> output.writeString((String) v);
                case BINARY_DATA -> {
                    byte[] b = (byte[]) v;
                    output.writeVarInt(b.length, true);
                    output.writeBytes(b);
                }
                default -> throw new KryoException("unexpected property type " + id.type());
            }
        }
        output.writeVarInt(props.userProperties().size(), true);
        for (UserProperty u : props.userProperties()) {
            output.writeString(u.name());
            output.writeString(u.value());
        }
        output.writeVarInt(props.subscriptionIdentifiers().size(), true);
        for (int sid : props.subscriptionIdentifiers()) {
            output.writeVarInt(sid, true);
        }
    }

    @Override
    public Properties read(Kryo kryo, Input input, Class<? extends Properties> type) {
        int count = input.readVarInt(true);
        int users = 0;
        Properties.Builder b = Properties.builder();
        for (int i = 0; i < count; i++) {
            int wireId = input.readByte() & 0xFF;
            PropertyId id = PropertyId.ofId(wireId);
            if (id == null) {
                throw new KryoException("unknown property id " + wireId);
            }
            b.put(id, switch (id.type()) {
                case BYTE, TWO_BYTE_INTEGER, VARIABLE_BYTE_INTEGER -> input.readVarInt(true);
                case FOUR_BYTE_INTEGER -> input.readVarLong(true);
                case UTF8_STRING -> input.readString();
                case BINARY_DATA -> input.readBytes(input.readVarInt(true));
                default -> throw new KryoException("unexpected property type " + id.type());
            });
        }
        users = input.readVarInt(true);
        for (int i = 0; i < users; i++) {
            b.userProperty(input.readString(), input.readString());
        }
        int ids = input.readVarInt(true);
        for (int i = 0; i < ids; i++) {
            b.subscriptionIdentifier(input.readVarInt(true));
        }
        return b.build();
    }
}
