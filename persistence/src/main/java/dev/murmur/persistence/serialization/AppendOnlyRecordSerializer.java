package dev.murmur.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;

/**
 * Writes a record as its component count followed by its components in declaration order. The
 * count is the schema-evolution rule: a component added at the END of a record reads as its
 * default (null, 0, false) from bytes written before it existed, so journals written by an older
 * version stay readable. Components are never reordered, renamed-in-place with a new meaning, or
 * removed from the middle (deprecate instead). Bytes from a newer version with more components are
 * refused with a clear error rather than misread.
 */
public final class AppendOnlyRecordSerializer<T> extends Serializer<T> {
    private final Class<T> type;
    private final Component[] components;
    private final Constructor<T> constructor;

    /** One record component with how it is written. */
    private record Component(String name, Class<?> type, Method accessor, boolean concrete) {
    }

    public AppendOnlyRecordSerializer(Class<T> type) {
        super(false, true);
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        RecordComponent[] rc = type.getRecordComponents();
        this.components = new Component[rc.length];
        Class<?>[] types = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            Method accessor = rc[i].getAccessor();
            accessor.setAccessible(true);
            Class<?> t = rc[i].getType();
            // Final classes and enums are written without a class id: their type cannot vary.
            boolean concrete = t.isPrimitive() || t.isArray() || t.isEnum() || Modifier.isFinal(t.getModifiers());
            components[i] = new Component(rc[i].getName(), t, accessor, concrete);
            types[i] = t;
        }
        try {
            this.constructor = type.getDeclaredConstructor(types);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("no canonical constructor in " + type.getName(), e);
        }
    }

    @Override
    public void write(Kryo kryo, Output output, T record) {
        output.writeVarInt(components.length, true);
        for (Component c : components) {
            Object value;
            try {
                value = c.accessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new KryoException("cannot read " + type.getName() + "." + c.name(), e);
            }
            writeValue(kryo, output, c, value);
        }
    }

    private static void writeValue(Kryo kryo, Output output, Component c, Object value) {
        Class<?> t = c.type();
        if (t == int.class) {
            output.writeVarInt((Integer) value, false);
        } else if (t == long.class) {
            output.writeVarLong((Long) value, false);
        } else if (t == boolean.class) {
            output.writeBoolean((Boolean) value);
        } else if (t == double.class) {
            output.writeDouble((Double) value);
        } else if (t == float.class) {
            output.writeFloat((Float) value);
        } else if (t == short.class) {
            output.writeShort((Short) value);
        } else if (t == byte.class) {
            output.writeByte((Byte) value);
        } else if (t == char.class) {
            output.writeChar((Character) value);
        } else if (c.concrete()) {
            kryo.writeObjectOrNull(output, value, t);
        } else {
            kryo.writeClassAndObject(output, value);
        }
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> ignored) {
        int written = input.readVarInt(true);
        if (written > components.length) {
            throw new KryoException(type.getName() + " was written with " + written + " components by a newer"
                    + " version; this version knows " + components.length);
        }
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = i < written ? readValue(kryo, input, components[i]) : defaultValue(components[i].type());
        }
        try {
            return constructor.newInstance(args);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new KryoException("cannot create " + type.getName() + " from " + written + " components", e);
        }
    }

    private static Object readValue(Kryo kryo, Input input, Component c) {
        Class<?> t = c.type();
        if (t == int.class) {
            return input.readVarInt(false);
        } else if (t == long.class) {
            return input.readVarLong(false);
        } else if (t == boolean.class) {
            return input.readBoolean();
        } else if (t == double.class) {
            return input.readDouble();
        } else if (t == float.class) {
            return input.readFloat();
        } else if (t == short.class) {
            return input.readShort();
        } else if (t == byte.class) {
            return input.readByte();
        } else if (t == char.class) {
            return input.readChar();
        } else if (c.concrete()) {
            return kryo.readObjectOrNull(input, t);
        }
        return kryo.readClassAndObject(input);
    }

    private static Object defaultValue(Class<?> t) {
        if (!t.isPrimitive()) {
            return null;
        } else if (t == boolean.class) {
            return false;
        } else if (t == long.class) {
            return 0L;
        } else if (t == double.class) {
            return 0.0d;
        } else if (t == float.class) {
            return 0.0f;
        } else if (t == short.class) {
            return (short) 0;
        } else if (t == byte.class) {
            return (byte) 0;
        } else if (t == char.class) {
            return (char) 0;
        }
        return 0;
    }
}
