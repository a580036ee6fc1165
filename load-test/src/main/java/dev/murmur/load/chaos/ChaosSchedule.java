package dev.murmur.load.chaos;

import dev.murmur.load.scenario.ChaosScenario;
import dev.murmur.load.scenario.FaultContext;
import dev.murmur.load.scenario.FaultSchedule;
import dev.murmur.load.verify.Phase;
import dev.murmur.load.verify.Verifier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Injects one {@link Fault} {@code at} after traffic started and heals it {@code length} later
 * (a rolling restart ends by itself), marking the verifier's phases: messages issued from the
 * injection on are "during", from the heal on "after". Faults run on a thread of their own, so
 * the runner's timeline never waits for a signal or an nft call. When publishing stops, a fault
 * still active is healed, a rolling restart is awaited, and the run waits for every device to be
 * back before in-flight messages drain.
 */
public final class ChaosSchedule implements FaultSchedule {
    private final Fault fault;
    private final Duration at;
    private final Duration length;
    private final Duration settle;
    private final ChaosScenario scenario;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "murmur-chaos-timer");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "murmur-chaos-fault");
        t.setDaemon(true);
        return t;
    });
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile FaultContext ctx;
    private volatile long startedNanos = -1;
    private volatile long healedNanos = -1;
    private Future<?> injection;

    /**
     * {@code settle}: the longest wait, once publishing stopped, for a rolling restart to finish
     * and for every device to be back.
     */
    ChaosSchedule(Fault fault, Duration at, Duration length, Duration settle, ChaosScenario scenario) {
        this.fault = fault;
        this.at = at;
        this.length = length;
        this.settle = settle;
        this.scenario = scenario;
    }

    @Override
    public void before(FaultContext c) {
        this.ctx = c;
        timer.schedule(() -> {
            synchronized (this) {
                injection = worker.submit(this::inject);
            }
        }, at.toNanos(), TimeUnit.NANOSECONDS);
        if (!fault.endsItself()) {
            timer.schedule(() -> worker.submit(this::heal), at.plus(length).toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void inject() {
        Verifier verifier = ctx.verifier();
        startedNanos = System.nanoTime();
        verifier.startPhase(Phase.DURING);
        scenario.tracker().faultStarted(startedNanos);
        try {
            fault.inject(ctx::note);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            fail("could not inject " + fault.name() + ": " + e.getMessage());
        }
        if (fault.endsItself()) {
            markHealed();
        }
    }

    private void heal() {
        if (startedNanos < 0 || healedNanos >= 0) {
            return;
        }
        try {
            fault.heal(ctx::note);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            fail("could not heal " + fault.name() + ": " + e.getMessage());
        }
        markHealed();
    }

    private void markHealed() {
        healedNanos = System.nanoTime();
        ctx.verifier().startPhase(Phase.AFTER);
    }

    private void fail(String message) {
        errors.add(message);
        ctx.note(message);
    }

    @Override
    public void after(FaultContext c) {
        timer.shutdownNow();
        try {
            Future<?> running;
            synchronized (this) {
                running = injection;
            }
            if (running == null) {
                fail("the fault was never injected: traffic ended before --fault-at");
            } else {
                running.get(settle.toMillis(), TimeUnit.MILLISECONDS);
                if (healedNanos < 0) {
                    c.note("traffic ended before the fault healed; healing now");
                    worker.submit(this::heal).get(settle.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (TimeoutException e) {
            fail(fault.name() + " did not finish within " + settle.toSeconds() + " s after publishing stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            fail(fault.name() + " failed: " + e);
        }
        int away = scenario.awaitEveryDeviceBack(settle);
        c.note(away == 0 ? "every device is connected" : away + " devices still away after " + settle.toSeconds()
                + " s");
    }

    /** Heals whatever is still in place; for the run's {@code finally} (idempotent). */
    void close() {
        timer.shutdownNow();
        worker.shutdownNow();
        try {
            fault.heal(s -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            errors.add("could not heal " + fault.name() + " on the way out: " + e.getMessage());
        }
    }

    /** Puts {@code what} on the run's timeline once the run has one. */
    void note(String what) {
        FaultContext c = ctx;
        if (c != null) {
            c.note(what);
        }
    }

    /** Problems injecting or healing the fault. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    /** When the fault was injected ({@link System#nanoTime()}), or -1. */
    long startedNanos() {
        return startedNanos;
    }

    /** When it healed, or -1. */
    long healedNanos() {
        return healedNanos;
    }

    Verifier verifier() {
        return ctx == null ? null : ctx.verifier();
    }

    long runStartNanos() {
        return ctx == null ? 0 : ctx.startNanos();
    }
}
