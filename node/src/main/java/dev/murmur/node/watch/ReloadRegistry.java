package dev.murmur.node.watch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;

/** Every file-backed part of a node: polled for changes on its own interval, all re-read on SIGHUP. */
public final class ReloadRegistry {
    private final ActorSystem<?> system;
    private final List<Reloadable> all = new CopyOnWriteArrayList<>();
    private final List<Cancellable> timers = new CopyOnWriteArrayList<>();

    public ReloadRegistry(ActorSystem<?> system) {
        this.system = system;
    }

    /** Polls {@code r} every {@code interval} on the system's scheduler (off the data path). */
    public void register(Reloadable r, Duration interval) {
        all.add(r);
        timers.add(system.scheduler().scheduleWithFixedDelay(interval, interval, r::reloadIfChanged,
                system.executionContext()));
    }

    /** Re-reads everything now (SIGHUP). */
    public void reloadAll() {
        all.forEach(Reloadable::reload);
    }

    public void stop() {
        timers.forEach(Cancellable::cancel);
    }
}
