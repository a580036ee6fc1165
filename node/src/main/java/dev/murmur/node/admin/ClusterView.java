package dev.murmur.node.admin;

import dev.murmur.node.metrics.ClusterStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The cluster as Pekko Cluster sees it from this node: members with status and reachability,
 * the leader, and (from the last sharding poll) how many session shards each node hosts. Works
 * the same for a cluster of one and of many.
 */
public final class ClusterView {
    private final Cluster cluster;
    private final AtomicReference<ClusterStats> stats = new AtomicReference<>(ClusterStats.EMPTY);
    /** Shard id → node hosting it, as last polled. */
    private final AtomicReference<Map<String, String>> placement = new AtomicReference<>(Map.of());

    public ClusterView(ActorSystem<?> system) {
        this.cluster = Cluster.get(system);
    }

    /** One member as the API shows it. */
    public record MemberView(String node, String address, String status, boolean reachable, Set<String> roles,
                             boolean self, boolean leader, int shards, int entities) {
    }

    /** The whole picture for /api/v1/cluster. */
    public record Overview(String self, String leader, int size, int unreachable, List<MemberView> members,
                           long shardStatsAt) {
    }

    /** host:port of a cluster address: short, stable, and bounded by the cluster size as a label. */
    public static String nodeName(Address a) {
        return a.getHost().orElse("local") + ":" + a.getPort().map(String::valueOf).orElse("0");
    }

    public String selfNode() {
        return nodeName(cluster.selfMember().address());
    }

    public boolean selfUp() {
        return cluster.selfMember().status() == MemberStatus.up();
    }

    public String selfStatus() {
        return statusName(cluster.selfMember().status());
    }

    void updateShards(Map<String, Integer> shardsByNode, Map<String, Integer> entitiesByNode, long at) {
        ClusterStats s = membership(shardsByNode, entitiesByNode, at);
        stats.set(s);
    }

    void updatePlacement(Map<String, String> shardToNode) {
        placement.set(Map.copyOf(shardToNode));
    }

    /** Shard id → node hosting it, as last polled, in shard order. */
    public Map<String, String> placement() {
        Map<String, String> sorted = new TreeMap<>(java.util.Comparator.comparingInt(Integer::parseInt));
        sorted.putAll(placement.get());
        return sorted;
    }

    /** Membership now, shard placement as last polled. */
    public ClusterStats stats() {
        ClusterStats last = stats.get();
        return membership(last.shardsByNode(), last.entitiesByNode(), last.polledAtMillis());
    }

    private ClusterStats membership(Map<String, Integer> shards, Map<String, Integer> entities, long at) {
        ClusterEvent.CurrentClusterState state = cluster.state();
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> shardsOfMembers = new TreeMap<>(shards);
        Map<String, Integer> entitiesOfMembers = new TreeMap<>(entities);
        for (Member m : state.getMembers()) {
            byStatus.merge(statusName(m.status()), 1, Integer::sum);
            // a member whose region holds nothing (yet) hosts zero shards: export it as such
            shardsOfMembers.putIfAbsent(nodeName(m.address()), 0);
            entitiesOfMembers.putIfAbsent(nodeName(m.address()), 0);
        }
        return new ClusterStats(byStatus, state.getUnreachable().size(), shardsOfMembers, entitiesOfMembers, at);
    }

    public Overview overview() {
        ClusterEvent.CurrentClusterState state = cluster.state();
        ClusterStats s = stats.get();
        Set<Address> unreachable = new TreeSet<>(Address.addressOrdering());
        state.getUnreachable().forEach(m -> unreachable.add(m.address()));
        Address leader = state.getLeader();
        Address self = cluster.selfMember().address();
        List<MemberView> members = new ArrayList<>();
        for (Member m : state.getMembers()) {
            String node = nodeName(m.address());
            members.add(new MemberView(node, m.address().toString(), statusName(m.status()),
                    !unreachable.contains(m.address()), m.getRoles(), m.address().equals(self),
                    m.address().equals(leader), s.shardsByNode().getOrDefault(node, 0),
                    s.entitiesByNode().getOrDefault(node, 0)));
        }
        return new Overview(nodeName(self), leader == null ? null : nodeName(leader), members.size(), unreachable.size(),
                members, s.polledAtMillis());
    }

    /** Shards by node as last polled (insertion ordered for stable JSON). */
    public Map<String, Integer> shardsByNode() {
        return new LinkedHashMap<>(stats.get().shardsByNode());
    }

    static String statusName(MemberStatus status) {
        return status.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
