package dev.murmur.node.session;

/**
 * Marker of every message handled by the sharded entity type that holds sessions and their
 * shard hubs: both live in the same shard so a hub's fan-out to its sessions stays local.
 */
public interface ShardMessage {
}
