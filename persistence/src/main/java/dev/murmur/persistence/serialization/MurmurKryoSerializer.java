package dev.murmur.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import com.typesafe.config.Config;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The Pekko serializer for everything marked {@link MurmurSerializable}: cluster messages, journal
 * events and snapshots. The manifest is the class's explicit Kryo id (stable across renames); the
 * bytes are the object without a class prefix. Kryo instances are pooled: a Kryo is not
 * thread-safe and is expensive to build, so each serialization borrows one and gives it back.
 */
public final class MurmurKryoSerializer extends SerializerWithStringManifest {
    /** Pekko reserves 0..40; this id is written next to every journal event. Never change it. */
    public static final int IDENTIFIER = 4117;
    private static final int POOL_CAPACITY = 64;
    private static final int INITIAL_BUFFER = 256;

    private final Pool<Instance> pool;

    /** A pooled Kryo with its reusable output buffer. */
    private record Instance(Kryo kryo, Output output) {
    }

    /** Called by Pekko with the system whose configuration lists the registrars. */
    public MurmurKryoSerializer(ExtendedActorSystem system) {
        this(new KryoFactory(KryoFactory.instantiate(registrarNames(system.settings().config())),
                new Supplier<>() {
                    private volatile ActorRefResolver resolver;

                    @Override
                    public ActorRefResolver get() {
                        // Created on first use: the typed extension is not available while serializers load.
                        ActorRefResolver r = resolver;
                        if (r == null) {
                            r = ActorRefResolver.get(Adapter.toTyped(system));
                            resolver = r;
                        }
                        return r;
                    }
                }));
    }

    /** A serializer over an explicit factory (tests without an actor system). */
    public MurmurKryoSerializer(KryoFactory factory) {
        this.pool = new Pool<>(true, false, POOL_CAPACITY) {
            @Override
            protected Instance create() {
                return new Instance(factory.create(), new Output(INITIAL_BUFFER, -1));
            }
        };
        pool.free(pool.obtain()); // fail at start-up, not on the first message, if a registrar is wrong
    }

    /** The registrar class names under {@code murmur.serialization.registrars} (a map: one key per module). */
    static List<String> registrarNames(Config config) {
        Config r = config.getConfig("murmur.serialization.registrars");
        List<String> keys = new ArrayList<>(r.root().keySet());
        keys.sort(null); // a stable order; ids are explicit, so order does not change any bytes
        List<String> names = new ArrayList<>();
        for (String k : keys) {
            names.add(r.getString(k));
        }
        return names;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object o) {
        Instance in = pool.obtain();
        try {
            return Integer.toString(registration(in.kryo(), o.getClass()).getId());
        } finally {
            pool.free(in);
        }
    }

    @Override
    public byte[] toBinary(Object o) {
        Instance in = pool.obtain();
        try {
            Registration reg = registration(in.kryo(), o.getClass());
            Output out = in.output();
            out.reset();
            in.kryo().writeObject(out, o, reg.getSerializer());
            return out.toBytes();
        } finally {
            pool.free(in);
        }
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        int id;
        try {
            id = Integer.parseInt(manifest);
        } catch (NumberFormatException e) {
            throw new NotSerializableException("not a Murmur Kryo manifest: " + manifest);
        }
        Instance in = pool.obtain();
        try {
            Registration reg = in.kryo().getRegistration(id);
            if (reg == null) {
                throw new NotSerializableException("no class registered with Kryo id " + id);
            }
            return in.kryo().readObject(new Input(bytes), reg.getType(), reg.getSerializer());
        } catch (KryoException e) {
            NotSerializableException n = new NotSerializableException("cannot read Kryo id " + id + ": " + e.getMessage());
            n.initCause(e);
            throw n;
        } finally {
            pool.free(in);
        }
    }

    private static Registration registration(Kryo kryo, Class<?> type) {
        Registration reg = kryo.getClassResolver().getRegistration(type);
        if (reg == null) {
            throw new IllegalArgumentException(type.getName() + " is marked for Murmur's Kryo serializer but has no"
                    + " Kryo id: register it in a KryoRegistrar (murmur.serialization.registrars)");
        }
        return reg;
    }
}
