package dev.murmur.load.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One kind of chaos. {@link #inject} returns once the fault is in place (a rolling restart: once
 * every node was restarted); {@link #heal} undoes what can be undone (SIGCONT, rules removed) and
 * is safe to call more than once, also when nothing was injected — it runs again in the run's
 * {@code finally}.
 */
sealed interface Fault permits Fault.Kill, Fault.Pause, Fault.Partition, Fault.RollingRestart {

    /** Scenario name on the command line. */
    String name();

    /** What happens, for the timeline. */
    String describe();

    void inject(Consumer<String> note) throws IOException, InterruptedException;

    default void heal(Consumer<String> note) throws IOException, InterruptedException {
    }

    /** True when the fault ends by itself (rolling restart) instead of after --fault-for. */
    default boolean endsItself() {
        return false;
    }

    /** The node's current pid, or a clear refusal when it is not known (existing cluster without --pids). */
    private static long pidOf(ClusterTarget target, int node) {
        return target.pid(node).orElseThrow(() -> new IllegalStateException("node-" + node + " has no known pid: "
                + "kill, pause and rolling-restart on an existing cluster need --pids"));
    }

    /** kill -9 one node; its supervisor (the launcher) restarts it. */
    record Kill(ClusterTarget target, Signals signals, int node) implements Fault {
        @Override
        public String name() {
            return "kill";
        }

        @Override
        public String describe() {
            return "kill -9 node-" + node;
        }

        @Override
        public void inject(Consumer<String> note) throws IOException, InterruptedException {
            long pid = pidOf(target, node);
            signals.send("KILL", pid);
            note.accept("fault: kill -9 node-" + node + " (pid " + pid + ")");
        }
    }

    /** SIGSTOP one node (a long GC pause), SIGCONT when the fault heals. */
    final class Pause implements Fault {
        private final ClusterTarget target;
        private final Signals signals;
        private final int node;
        private long stopped = -1;

        Pause(ClusterTarget target, Signals signals, int node) {
            this.target = target;
            this.signals = signals;
            this.node = node;
        }

        @Override
        public String name() {
            return "pause";
        }

        @Override
        public String describe() {
            return "SIGSTOP node-" + node + ", SIGCONT after --fault-for";
        }

        @Override
        public synchronized void inject(Consumer<String> note) throws IOException, InterruptedException {
            long pid = pidOf(target, node);
            signals.send("STOP", pid);
            stopped = pid;
            note.accept("fault: SIGSTOP node-" + node + " (pid " + pid + ")");
        }

        @Override
        public synchronized void heal(Consumer<String> note) throws IOException, InterruptedException {
            if (stopped < 0) {
                return;
            }
            long pid = stopped;
            stopped = -1;
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                signals.send("CONT", pid);
            }
            note.accept("healed: SIGCONT node-" + node + " (pid " + pid + ")");
        }
    }

    /** nftables rules cut one node's Artery address off from the others; removed when it heals. */
    record Partition(NftPartition rules, int node) implements Fault {
        @Override
        public String name() {
            return "partition";
        }

        @Override
        public String describe() {
            return "cut node-" + node + " off (nft table inet " + rules.table() + ")";
        }

        @Override
        public void inject(Consumer<String> note) throws IOException, InterruptedException {
            rules.apply();
            note.accept("fault: partition, node-" + node + " cut off from the others (nft table inet "
                    + rules.table() + ")");
        }

        @Override
        public void heal(Consumer<String> note) throws IOException, InterruptedException {
            if (rules.applied()) {
                rules.remove();
                note.accept("healed: partition rules removed");
            }
        }
    }

    /** SIGTERM each node in turn, waiting until it was restarted and is ready before the next. */
    record RollingRestart(ClusterTarget target, Signals signals, Duration perNode) implements Fault {
        @Override
        public String name() {
            return "rolling-restart";
        }

        @Override
        public String describe() {
            return "SIGTERM node-1.." + target.size() + " in turn, each back and ready before the next";
        }

        @Override
        public boolean endsItself() {
            return true;
        }

        @Override
        public void inject(Consumer<String> note) throws IOException, InterruptedException {
            for (int node = 1; node <= target.size(); node++) {
                long pid = pidOf(target, node);
                signals.send("TERM", pid);
                note.accept("fault: SIGTERM node-" + node + " (pid " + pid + ")");
                target.awaitRestarted(node, pid, perNode);
                note.accept("node-" + node + " restarted and ready");
            }
        }
    }
}
