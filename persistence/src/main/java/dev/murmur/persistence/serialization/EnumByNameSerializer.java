package dev.murmur.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** Writes an enum constant by name, so inserting or reordering constants never changes old bytes. */
final class EnumByNameSerializer<E extends Enum<E>> extends Serializer<E> {
    private final Class<E> type;

    EnumByNameSerializer(Class<E> type) {
        super(false, true);
        this.type = type;
    }

    @Override
    public void write(Kryo kryo, Output output, E value) {
        output.writeString(value.name());
    }

    @Override
    public E read(Kryo kryo, Input input, Class<? extends E> ignored) {
        String name = input.readString();
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new KryoException("unknown constant " + type.getName() + "." + name, e);
        }
    }
}
