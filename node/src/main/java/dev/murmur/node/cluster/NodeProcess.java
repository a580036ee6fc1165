package dev.murmur.node.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One node of a local cluster as a child JVM: starts it with its log appended to
 * {@code node-i.log}, and, as a supervisor like systemd would, starts it again after it exits
 * unless restarts are off or the cluster is stopping.
 */
final class NodeProcess {
    /** What the cluster learns from its nodes. */
    interface Supervisor {
        /** Something in the state file changed (pid, restarts, readiness). */
        void changed();

        /** One line for the launcher's output. */
        void report(String line);
    }

    private final NodePlan plan;
    private final List<String> command;
    private final Path log;
    private final boolean restart;
    private final long restartDelayMillis;
    private final ScheduledExecutorService scheduler;
    private final Supervisor supervisor;

    private Process process;
    private int restarts;
    /** Restarts counted when the last kill/terminate was asked for: awaitRestarted waits past it. */
    private int restartsAtStop;
    private boolean ready;
    private boolean stopping;

    NodeProcess(NodePlan plan, List<String> command, Path log, boolean restart, long restartDelayMillis,
                ScheduledExecutorService scheduler, Supervisor supervisor) {
        this.plan = plan;
        this.command = List.copyOf(command);
        this.log = log;
        this.restart = restart;
        this.restartDelayMillis = restartDelayMillis;
        this.scheduler = scheduler;
        this.supervisor = supervisor;
    }

    /** The node's JVM: same java and class path as the launcher, the generated config. */
    static List<String> command(LocalCluster.Options options, Path config) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx" + options.heap(), "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                // the node stops when the launcher dies without stopping it (see Main)
                "-Dmurmur.parent-pid=" + ProcessHandle.current().pid()));
        cmd.addAll(options.jvmOptions());
        cmd.addAll(List.of("-cp", options.classpath(), "dev.murmur.node.Main", "--config", config.toString()));
        return cmd;
    }

    NodePlan plan() {
        return plan;
    }

    /** Starts the JVM unless it is running (or the cluster is stopping). */
    synchronized void start() {
        if (stopping || (process != null && process.isAlive())) {
            return;
        }
        if (process != null) {
            restarts++; // a later incarnation, by the supervisor or by the caller
        }
        try {
            Files.writeString(log, "=== murmur local-cluster: starting " + plan.name() + " (restarts=" + restarts
                    + ") at " + Instant.now() + " ===\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            process = p;
            ready = false;
            p.onExit().thenAccept(this::exited);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + plan.name() + ": " + e.getMessage(), e);
        }
    }

    private void exited(Process p) {
        boolean again;
        synchronized (this) {
            if (p != process || stopping) {
                return;
            }
            ready = false;
            again = restart;
        }
        supervisor.report("murmur: " + plan.name() + " exited code=" + p.exitValue() + (again ? ", restarting" : ""));
        supervisor.changed();
        if (again) {
            scheduler.schedule(this::restart, restartDelayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void restart() {
        synchronized (this) {
            if (stopping || (process != null && process.isAlive())) {
                return;
            }
            start();
        }
        supervisor.changed();
    }

    /** SIGKILL, as a crash would. */
    void kill() {
        Process p = markStopped();
        if (p != null) {
            p.destroyForcibly();
        }
    }

    /** SIGTERM: the node leaves gracefully (and is restarted when restarts are on). */
    void terminate() {
        Process p = markStopped();
        if (p != null) {
            p.destroy();
        }
    }

    private synchronized Process markStopped() {
        restartsAtStop = restarts;
        return process;
    }

    /** SIGSTOP / SIGCONT (a frozen JVM, like a long GC pause). */
    void signal(String name) {
        if ("STOP".equals(name)) {
            markStopped(); // a long pause may get the node downed, and so restarted
        }
        long pid = pid();
        if (pid <= 0) {
            return;
        }
        try {
            int code = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor();
            if (code != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " exited " + code);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops supervising: no more restarts; sends SIGTERM. Returns the process to wait for. */
    synchronized Process stopForGood() {
        stopping = true;
        ready = false;
        if (process != null && process.isAlive()) {
            process.destroy();
        }
        return process;
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    synchronized int restarts() {
        return restarts;
    }

    synchronized boolean ready() {
        return ready;
    }

    /** Readiness of the running incarnation (set by the cluster's poll of GET /ready). */
    synchronized boolean markReady(long pidPolled) {
        if (process == null || process.pid() != pidPolled || !process.isAlive() || ready) {
            return false;
        }
        ready = true;
        return true;
    }

    /** Restarted after the last kill/terminate, and that incarnation answered /ready. */
    synchronized boolean restartedAndReady() {
        return restarts > restartsAtStop && ready && process.isAlive();
    }
}
