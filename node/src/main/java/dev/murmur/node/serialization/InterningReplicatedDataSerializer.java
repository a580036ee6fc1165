package dev.murmur.node.serialization;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.ddata.protobuf.ReplicatedDataSerializer;
import org.apache.pekko.cluster.ddata.protobuf.msg.ReplicatorMessages;

/**
 * Pekko's serializer for Distributed Data values, with node addresses interned: the stock one
 * builds a new {@link UniqueAddress} (an {@code Address}, strings, options, a boxed port) for
 * every version-vector dot it reads, so a route-index entry written by another node carried
 * ~650 B of copies of the same few addresses (docs/scaling.md). Same wire format and identifier.
 */
public final class InterningReplicatedDataSerializer extends ReplicatedDataSerializer {
    /**
     * Node incarnations ever seen: a handful per cluster, one more per restart. Past this many
     * (a very long-lived node in a cluster restarted thousands of times) the table starts over.
     */
    private static final int MAX_INTERNED = 4096;

    private final ConcurrentHashMap<UniqueAddress, UniqueAddress> interned = new ConcurrentHashMap<>();

    public InterningReplicatedDataSerializer(ExtendedActorSystem system) {
        super(system);
    }

    @Override
    public UniqueAddress uniqueAddressFromProto(ReplicatorMessages.UniqueAddress proto) {
        UniqueAddress read = super.uniqueAddressFromProto(proto);
        UniqueAddress known = interned.get(read);
        if (known != null) {
            return known;
        }
        if (interned.size() >= MAX_INTERNED) {
            interned.clear();
        }
        known = interned.putIfAbsent(read, read);
        return known != null ? known : read;
    }
}
