package dev.murmur.node.metrics;

import java.util.Map;

/**
 * What Pekko Cluster and Cluster Sharding say about the cluster, as last polled: members by
 * status, how many are unreachable, and how many session shards (and entities) each node hosts.
 * Nodes are named by their cluster address, so the label stays bounded by the cluster size.
 */
public record ClusterStats(Map<String, Integer> membersByStatus, int unreachable, Map<String, Integer> shardsByNode,
                           Map<String, Integer> entitiesByNode, long polledAtMillis) {

    public static final ClusterStats EMPTY = new ClusterStats(Map.of(), 0, Map.of(), Map.of(), 0);
}
