package dev.murmur.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One serializer per collection interface, whatever the implementation (List.of, ArrayList, ...):
 * the element order is kept, and what is read back is unmodifiable, as our messages treat them.
 */
final class CollectionSerializers {
    private CollectionSerializers() {
    }

    /** Any {@link List}. */
    static final class ListSerializer extends Serializer<List<Object>> {
        ListSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output output, List<Object> list) {
            output.writeVarInt(list.size(), true);
            for (Object o : list) {
                kryo.writeClassAndObject(output, o);
            }
        }

        @Override
        public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type) {
            int n = input.readVarInt(true);
            if (n == 0) {
                return List.of();
            }
            List<Object> list = new ArrayList<>(Math.min(n, input.limit()));
            for (int i = 0; i < n; i++) {
                list.add(kryo.readClassAndObject(input));
            }
            return Collections.unmodifiableList(list);
        }
    }

    /** Any {@link Set}, read back in iteration order. */
    static final class SetSerializer extends Serializer<Set<Object>> {
        SetSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output output, Set<Object> set) {
            output.writeVarInt(set.size(), true);
            for (Object o : set) {
                kryo.writeClassAndObject(output, o);
            }
        }

        @Override
        public Set<Object> read(Kryo kryo, Input input, Class<? extends Set<Object>> type) {
            int n = input.readVarInt(true);
            if (n == 0) {
                return Set.of();
            }
            Set<Object> set = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                set.add(kryo.readClassAndObject(input));
            }
            return Collections.unmodifiableSet(set);
        }
    }

    /** Any {@link Map}, read back in iteration order. */
    static final class MapSerializer extends Serializer<Map<Object, Object>> {
        MapSerializer() {
            super(false, true);
        }

        @Override
        public void write(Kryo kryo, Output output, Map<Object, Object> map) {
            output.writeVarInt(map.size(), true);
            for (Map.Entry<Object, Object> e : map.entrySet()) {
                kryo.writeClassAndObject(output, e.getKey());
                kryo.writeClassAndObject(output, e.getValue());
            }
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
            int n = input.readVarInt(true);
            if (n == 0) {
                return Map.of();
            }
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                map.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
            }
            return Collections.unmodifiableMap(map);
        }
    }
}
