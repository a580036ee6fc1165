package dev.murmur.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;

/**
 * The registration API handed to {@link KryoRegistrar}s: every class gets an explicit id, records
 * get {@link AppendOnlyRecordSerializer} (the schema-evolution rule) and enums are written by name
 * unless a registrar supplies its own serializer.
 */
public final class KryoRegistry {
    /** Ids below this are Kryo's own primitive and String registrations (and ours for collections). */
    public static final int FIRST_APPLICATION_ID = 100;

    private final Kryo kryo;

    KryoRegistry(Kryo kryo) {
        this.kryo = kryo;
    }

    /** Registers a record, enum or class with its default serializer under {@code id}. */
    public void register(int id, Class<?> type) {
        if (id < FIRST_APPLICATION_ID) {
            throw new IllegalArgumentException("Kryo id " + id + " for " + type.getName() + " is reserved");
        }
        registerInternal(id, type, defaultSerializer(type));
    }

    /** Registers {@code type} with its own serializer under {@code id}. */
    public <T> void register(int id, Class<T> type, Serializer<? super T> serializer) {
        if (id < FIRST_APPLICATION_ID) {
            throw new IllegalArgumentException("Kryo id " + id + " for " + type.getName() + " is reserved (< "
                    + FIRST_APPLICATION_ID + ")");
        }
        registerInternal(id, type, serializer);
    }

    void registerInternal(int id, Class<?> type, Serializer<?> serializer) {
        Registration existing = kryo.getClassResolver().getRegistration(id);
        if (existing != null && existing.getType() != type) {
            throw new IllegalArgumentException("Kryo id " + id + " is taken by " + existing.getType().getName()
                    + ", cannot register " + type.getName());
        }
        Registration byType = kryo.getClassResolver().getRegistration(type);
        if (byType != null && byType.getId() != id && byType.getId() >= FIRST_APPLICATION_ID) {
            throw new IllegalArgumentException(type.getName() + " is registered twice (ids " + byType.getId()
                    + " and " + id + ")");
        }
        kryo.register(new Registration(type, serializer, id));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Serializer<?> defaultSerializer(Class<?> type) {
        if (type.isRecord()) {
            return new AppendOnlyRecordSerializer<>(type);
        }
        if (type.isEnum()) {
            return new EnumByNameSerializer(type);
        }
        return kryo.getDefaultSerializer(type);
    }

    /** The Kryo being configured. */
    public Kryo kryo() {
        return kryo;
    }
}
