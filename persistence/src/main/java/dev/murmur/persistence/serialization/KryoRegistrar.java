package dev.murmur.persistence.serialization;

/**
 * Contributes explicit Kryo registrations. Implementations are listed in
 * {@code murmur.serialization.registrars} and need a public no-argument constructor. Ids are
 * written into journals: never change or reuse one; a new class takes a new id.
 */
public interface KryoRegistrar {

    /** Registers this module's classes. */
    void registerTo(KryoRegistry registry);
}
