package dev.murmur.node.durable;

import dev.murmur.node.routing.HubCommand;
import dev.murmur.node.session.ConnectRequest;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.SessionEvent;
import dev.murmur.node.session.SessionMode;
import dev.murmur.node.session.ShardMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The persistent session's {@link SessionMode}: while one command runs it collects the events to
 * journal and the side effects to run after them; {@link PersistentSession} turns both into one
 * persist effect. Subscriptions go through the shard's {@link SessionDirectory}.
 */
final class DurableMode implements SessionMode {
    private final String clientId;
    private final RecipientRef<ShardMessage> directory;
    private final List<SessionEvent> events = new ArrayList<>();
    private final List<Runnable> effects = new ArrayList<>();
    private final List<SessionCommand.Attach> handedOver = new ArrayList<>();
    private Runnable passivate;

    /** Whether the session must be woken after a crash: a connection attached, or a will waiting for its delay. */
    private final java.util.function.BooleanSupplier wakeAfterCrash;

    DurableMode(String clientId, RecipientRef<ShardMessage> directory, java.util.function.BooleanSupplier wakeAfterCrash) {
        this.clientId = clientId;
        this.directory = directory;
        this.wakeAfterCrash = wakeAfterCrash;
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public void applied(SessionEvent event) {
        events.add(event);
        if (event == SessionEvent.Connected.INSTANCE || event == SessionEvent.Disconnected.INSTANCE
                || event == SessionEvent.WillCleared.INSTANCE) {
            // Read when the command's events are stored: a disconnect whose will waits for its
            // delay keeps the session marked, so a directory recovering after a crash wakes it and
            // the delay runs on (the directory ignores a mark that changes nothing).
            effects.add(() -> directory.tell(new DirectoryCommand.MarkOnline(clientId, wakeAfterCrash.getAsBoolean())));
        }
    }

    @Override
    public void afterStored(Runnable effect) {
        effects.add(effect);
    }

    @Override
    public void addSubscriptions(HubCommand.AddSubscriptions add) {
        effects.add(() -> directory.tell(new DirectoryCommand.RecordSubscriptions(add)));
    }

    @Override
    public void removeSubscriptions(HubCommand.RemoveSubscriptions remove) {
        effects.add(() -> directory.tell(new DirectoryCommand.ForgetSubscriptions(remove)));
    }

    /**
     * A connection with clean start and session expiry 0 (3.x clean session = 1) gets a clean,
     * unjournaled session. Without clean start the existing session is resumed (MQTT-3.2.2-3)
     * and stays journaled until it ends with this connection, which purges it.
     */
    @Override
    public boolean belongsElsewhere(ConnectRequest request) {
        return request.sessionExpirySeconds() == 0 && request.cleanStart();
    }

    @Override
    public Behavior<ShardMessage> attachElsewhere(SessionCommand.Attach attach) {
        handedOver.add(attach);
        if (passivate == null) {
            passivate = () -> { }; // PersistentSession passivates itself once the journal is purged
        }
        return Behaviors.same();
    }

    @Override
    public void ended(Runnable passivate) {
        this.passivate = passivate;
    }

    /** The events of the command just handled; clears them. */
    List<SessionEvent> drainEvents() {
        List<SessionEvent> copy = List.copyOf(events);
        events.clear();
        return copy;
    }

    /** The side effects of the command just handled; clears them. */
    List<Runnable> drainEffects() {
        List<Runnable> copy = List.copyOf(effects);
        effects.clear();
        return copy;
    }

    /** Whether the command ended the session (expiry, session expiry 0, or a hand-over to a clean one). */
    boolean ending() {
        return passivate != null;
    }

    /** Attaches that must reach the clean session that follows this one. */
    List<SessionCommand.Attach> handedOver() {
        return handedOver;
    }
}
