package dev.murmur.persistence.serialization;

import java.util.List;

/**
 * A journal-event-shaped record in its SECOND version. Version 1 was
 * {@code EvolutionSample(String topic, int count, List<Integer> ids)}; its bytes are kept in
 * src/test/resources/serialization/evolution-sample-v1.bin (written by version 1 of this class,
 * with Kryo id 150). Version 2 appended {@code note} and {@code sequence}.
 */
public record EvolutionSample(String topic, int count, List<Integer> ids, String note, long sequence) {
}
