package dev.murmur.node.session;

import dev.murmur.node.routing.HubCommand;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;

/** The clean session: nothing is journaled, effects run at once, subscriptions go straight to the hub. */
public final class TransientMode implements SessionMode {
    private final RecipientRef<ShardMessage> hub;
    private final Function<SessionCommand.Attach, Behavior<ShardMessage>> becomeDurable;

    /** {@code becomeDurable} starts a persistent session for an attach, or is null without persistence. */
    public TransientMode(RecipientRef<ShardMessage> hub,
                         Function<SessionCommand.Attach, Behavior<ShardMessage>> becomeDurable) {
        this.hub = hub;
        this.becomeDurable = becomeDurable;
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public void applied(SessionEvent event) {
        // in memory only
    }

    @Override
    public void afterStored(Runnable effect) {
        effect.run();
    }

    @Override
    public void addSubscriptions(HubCommand.AddSubscriptions add) {
        hub.tell(add);
    }

    @Override
    public void removeSubscriptions(HubCommand.RemoveSubscriptions remove) {
        hub.tell(remove);
    }

    @Override
    public boolean belongsElsewhere(ConnectRequest request) {
        return becomeDurable != null && request.sessionExpirySeconds() > 0;
    }

    @Override
    public Behavior<ShardMessage> attachElsewhere(SessionCommand.Attach attach) {
        return becomeDurable.apply(attach);
    }

    @Override
    public void ended(Runnable passivate) {
        passivate.run();
    }
}
