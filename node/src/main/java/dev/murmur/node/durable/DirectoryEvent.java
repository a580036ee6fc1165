package dev.murmur.node.durable;

import dev.murmur.node.routing.HubSubscription;
import dev.murmur.persistence.serialization.MurmurSerializable;
import java.util.List;
import java.util.Map;

/** What happened to a shard's directory of persistent sessions, in the past tense (journaled). */
public sealed interface DirectoryEvent extends MurmurSerializable {

    record ClientRegistered(String clientId) implements DirectoryEvent {
    }

    record ClientUnregistered(String clientId) implements DirectoryEvent {
    }

    record SubscriptionsRecorded(String clientId, List<HubSubscription> subscriptions) implements DirectoryEvent {
    }

    record SubscriptionsForgotten(String clientId, List<String> filters) implements DirectoryEvent {
    }

    /** A persistent session's connection attached. */
    record ClientOnline(String clientId) implements DirectoryEvent {
    }

    /** A persistent session's connection went away. */
    record ClientOffline(String clientId) implements DirectoryEvent {
    }

    /** The whole directory, as a snapshot holds it; {@code online} is null in older snapshots. */
    record DirectorySnapshot(Map<String, List<HubSubscription>> clients, List<String> online)
            implements MurmurSerializable {
        public DirectorySnapshot(Map<String, List<HubSubscription>> clients) {
            this(clients, null);
        }
    }
}
