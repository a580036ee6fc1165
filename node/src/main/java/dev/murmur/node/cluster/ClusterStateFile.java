package dev.murmur.node.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code <dir>/cluster.properties}: what a script or another tool needs to find the running
 * cluster (ports, pids, restarts, whether it is up). Rewritten whole and renamed into place, so
 * a reader never sees half a file.
 */
final class ClusterStateFile {
    private final Path file;

    ClusterStateFile(Path dir) {
        this.file = dir.resolve("cluster.properties");
    }

    Path path() {
        return file;
    }

    synchronized void write(int postgresPort, List<NodeProcess> nodes, boolean up) {
        StringBuilder b = new StringBuilder("# murmur local-cluster state; rewritten whenever it changes\n")
                .append("nodes=").append(nodes.size()).append('\n')
                .append("postgres.port=").append(postgresPort).append('\n');
        for (NodeProcess n : nodes) {
            NodePlan p = n.plan();
            String k = "node." + p.index() + ".";
            b.append(k).append("pid=").append(n.alive() ? n.pid() : -1).append('\n')
                    .append(k).append("mqtt=").append(p.mqtt()).append('\n')
                    .append(k).append("admin=").append(p.admin()).append('\n')
                    .append(k).append("remoting=").append(p.remoting()).append('\n')
                    .append(k).append("restarts=").append(n.restarts()).append('\n')
                    .append(k).append("ready=").append(n.ready()).append('\n');
        }
        b.append("up=").append(up).append('\n');
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, b);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
