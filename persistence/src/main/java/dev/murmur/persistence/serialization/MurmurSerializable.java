package dev.murmur.persistence.serialization;

/**
 * Marker of every message that may cross nodes and every journal event or snapshot: reference.conf
 * binds it to {@link MurmurKryoSerializer}, so Pekko never falls back to Java serialization.
 */
public interface MurmurSerializable {
}
