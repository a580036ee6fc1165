package dev.murmur.persistence.serialization;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a class without its own registration to the registration of an interface it
 * implements (List, Set, Map, ActorRef): their many implementation classes, several of them JDK
 * internals, then share one explicit id and serializer. Anything else unregistered still fails.
 */
final class SubtypeClassResolver extends DefaultClassResolver {
    private final List<Class<?>> supertypes = new ArrayList<>();

    /** Instances of {@code supertype} without their own registration use its registration. */
    void registerSupertype(Class<?> supertype) {
        supertypes.add(supertype);
    }

    @Override
    public Registration getRegistration(Class type) {
        Registration r = super.getRegistration(type);
        if (r != null) {
            return r;
        }
        for (Class<?> s : supertypes) {
            if (s != type && s.isAssignableFrom(type)) {
                Registration shared = super.getRegistration(s);
                classToRegistration.put(type, shared); // cache: this Kryo instance is single-threaded
                return shared;
            }
        }
        return null;
    }
}
