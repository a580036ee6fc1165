package dev.murmur.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;

/**
 * Builds a Kryo instance with registration required, references off (our messages are trees), the
 * shared base registrations (ids 20..29) and every registrar's classes. One instance per thread at
 * a time: {@link MurmurKryoSerializer} pools them.
 */
public final class KryoFactory {
    static final int BYTE_ARRAY_ID = 20;
    static final int LIST_ID = 21;
    static final int SET_ID = 22;
    static final int MAP_ID = 23;
    static final int ACTOR_REF_ID = 24;

    private final List<KryoRegistrar> registrars;
    private final Supplier<ActorRefResolver> resolver;

    /** {@code resolver} may be null outside an actor system (actor references then fail). */
    public KryoFactory(List<KryoRegistrar> registrars, Supplier<ActorRefResolver> resolver) {
        this.registrars = List.copyOf(registrars);
        this.resolver = resolver;
    }

    /** Registrars by class name, as listed in configuration. */
    public static List<KryoRegistrar> instantiate(Iterable<String> classNames) {
        List<KryoRegistrar> result = new ArrayList<>();
        for (String name : classNames) {
            try {
                result.add((KryoRegistrar) Class.forName(name).getDeclaredConstructor().newInstance());
            } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                     | InvocationTargetException | ClassCastException e) {
                throw new IllegalArgumentException("murmur.serialization.registrars: cannot instantiate " + name
                        + " as a KryoRegistrar: " + e, e);
            }
        }
        return result;
    }

    /** A new, fully registered Kryo. */
    public Kryo create() {
        SubtypeClassResolver classResolver = new SubtypeClassResolver();
        Kryo kryo = new Kryo(classResolver, new MapReferenceResolver());
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        KryoRegistry registry = new KryoRegistry(kryo);
        registry.registerInternal(BYTE_ARRAY_ID, byte[].class, new DefaultArraySerializers.ByteArraySerializer());
        registry.registerInternal(LIST_ID, List.class, new CollectionSerializers.ListSerializer());
        registry.registerInternal(SET_ID, Set.class, new CollectionSerializers.SetSerializer());
        registry.registerInternal(MAP_ID, Map.class, new CollectionSerializers.MapSerializer());
        registry.registerInternal(ACTOR_REF_ID, ActorRef.class, new ActorRefSerializer(resolver));
        classResolver.registerSupertype(List.class);
        classResolver.registerSupertype(Set.class);
        classResolver.registerSupertype(Map.class);
        classResolver.registerSupertype(ActorRef.class);
        for (KryoRegistrar r : registrars) {
            r.registerTo(registry);
        }
        return kryo;
    }
}
