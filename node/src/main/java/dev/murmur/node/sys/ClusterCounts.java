package dev.murmur.node.sys;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The cluster-wide side of $SYS: every node writes its own {@link NodeCounts} into one replicated
 * {@code LWWMap} (local write, spread by gossip), and reads everyone's from its local replica. A
 * report counts while its node is a member and it is fresh, so a dead node's last numbers drop out.
 */
final class ClusterCounts {
    private static final Key<LWWMap<String, NodeCounts>> KEY = LWWMapKey.create("murmur-sys-counts");
    /** A report older than this many publish intervals is a dead node's. */
    private static final int STALE_AFTER_INTERVALS = 3;

    /** Replicator answers the publisher ignores, and the map's changes. */
    record Changed(LWWMap<String, NodeCounts> map) {
    }

    enum Ignored { INSTANCE }

    private final ReplicatorMessageAdapter<Object, LWWMap<String, NodeCounts>> replicator;
    private final SelfUniqueAddress self;
    private final Cluster cluster;
    private final String selfKey;
    private LWWMap<String, NodeCounts> latest = LWWMap.empty();

    ClusterCounts(ActorContext<Object> ctx, ReplicatorMessageAdapter<Object, LWWMap<String, NodeCounts>> replicator) {
        this.replicator = replicator;
        this.self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
        this.cluster = Cluster.get(ctx.getSystem());
        this.selfKey = cluster.selfMember().address().toString();
        replicator.subscribe(KEY, changed -> changed instanceof Replicator.Changed<LWWMap<String, NodeCounts>> c
                ? new Changed(c.get(KEY)) : Ignored.INSTANCE);
    }

    /** Publishes this node's counts to the others (and to the local replica at once). */
    void report(NodeCounts mine) {
        replicator.askUpdate(replyTo -> new Replicator.Update<>(KEY, LWWMap.empty(), Replicator.writeLocal(), replyTo,
                map -> map.put(self, selfKey, mine)), rsp -> Ignored.INSTANCE);
    }

    void changed(Changed c) {
        latest = c.map();
    }

    /** Whether this node publishes the cluster-wide topics (the leader does, so they do not flap). */
    boolean isLeader() {
        Address leader = cluster.state().getLeader();
        return leader == null || leader.equals(cluster.selfMember().address());
    }

    /** Each live member's last fresh report, {@code mine} for this node (the replica may lag). */
    Map<String, NodeCounts> live(NodeCounts mine, long nowMillis, long intervalMillis) {
        Set<String> members = java.util.stream.StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
                .filter(m -> m.status() != MemberStatus.down() && m.status() != MemberStatus.removed())
                .map(Member::address).map(Address::toString).collect(Collectors.toSet());
        long oldest = nowMillis - STALE_AFTER_INTERVALS * intervalMillis;
        Map<String, NodeCounts> live = latest.getEntries().entrySet().stream()
                .filter(e -> members.contains(e.getKey()) && e.getValue().reportedAtMillis() >= oldest)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        live.put(selfKey, mine);
        return live;
    }

    static NodeCounts total(Map<String, NodeCounts> live) {
        return live.values().stream().reduce(NodeCounts.ZERO, NodeCounts::plus);
    }
}
