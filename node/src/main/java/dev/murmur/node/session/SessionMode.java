package dev.murmur.node.session;

import dev.murmur.node.routing.HubCommand;
import org.apache.pekko.actor.typed.Behavior;

/**
 * How a session's decisions take effect. A clean session applies events and runs side effects at
 * once; a persistent session (v5 session expiry > 0, 3.x clean session = 0) journals the events of
 * each command first and runs the side effects only once they are stored, so nothing is told to a
 * client, a hub or a publisher that a crash could take back.
 */
public interface SessionMode {

    /** Whether the session is journaled. */
    boolean durable();

    /** An event was applied to the session state. */
    void applied(SessionEvent event);

    /** Runs {@code effect} once the events applied so far are stored (at once for a clean session). */
    void afterStored(Runnable effect);

    /** Registers subscriptions with the shard hub (a persistent session records them in its shard first). */
    void addSubscriptions(HubCommand.AddSubscriptions add);

    /** Removes subscriptions from the shard hub (and from the shard's durable record). */
    void removeSubscriptions(HubCommand.RemoveSubscriptions remove);

    /** Whether a connection asking for {@code request} needs the other kind of session. */
    boolean belongsElsewhere(ConnectRequest request);

    /**
     * The session has handed over (old connection told, subscriptions removed) and the attach must
     * reach the other kind of session: returns the behavior that continues, or {@code same}.
     */
    Behavior<ShardMessage> attachElsewhere(SessionCommand.Attach attach);

    /** The session ended; {@code passivate} stops the entity once durable state is deleted. */
    void ended(Runnable passivate);
}
