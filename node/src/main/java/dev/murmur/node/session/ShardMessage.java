package dev.murmur.node.session;

import dev.murmur.persistence.serialization.MurmurSerializable;

/**
 * Marker of every message handled by the sharded entity type that holds sessions and their
 * shard hubs: both live in the same shard so a hub's fan-out to its sessions stays local.
 */
public interface ShardMessage extends MurmurSerializable {
}
