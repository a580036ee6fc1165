package dev.murmur.persistence.serialization;

/** Test-only registrations (ids 150..159). */
public final class TestRegistrar implements KryoRegistrar {
    @Override
    public void registerTo(KryoRegistry registry) {
        registry.register(150, EvolutionSample.class);
    }
}
