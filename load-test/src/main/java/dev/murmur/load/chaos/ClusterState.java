package dev.murmur.load.chaos;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One reading of the local-cluster launcher's state file ({@code <dir>/cluster.properties}):
 * node count, and per node (1-based) its pid, MQTT, admin and remoting addresses and restart
 * count. The launcher rewrites the file atomically, so a reading is always whole.
 */
public record ClusterState(Properties properties) {

    /** Reads {@code file}; null when it does not exist yet. */
    public static ClusterState read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static ClusterState parse(String text) throws IOException {
        Properties p = new Properties();
        try (Reader r = new StringReader(text)) {
            p.load(r);
        }
        return new ClusterState(p);
    }

    public int nodes() {
        return Integer.parseInt(require("nodes"));
    }

    /** All nodes answered GET /ready once. */
    public boolean up() {
        return Boolean.parseBoolean(properties.getProperty("up", "false"));
    }

    public long pid(int node) {
        return Long.parseLong(require("node." + node + ".pid"));
    }

    public int restarts(int node) {
        return Integer.parseInt(properties.getProperty("node." + node + ".restarts", "0"));
    }

    public InetSocketAddress mqtt(int node) {
        return address(require("node." + node + ".mqtt"));
    }

    public InetSocketAddress admin(int node) {
        return address(require("node." + node + ".admin"));
    }

    public InetSocketAddress remoting(int node) {
        return address(require("node." + node + ".remoting"));
    }

    private String require(String key) {
        String v = properties.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("cluster.properties has no " + key);
        }
        return v.trim();
    }

    /** {@code host:port} without name resolution surprises (literal addresses stay literal). */
    public static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("not host:port: " + hostPort);
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + hostPort);
        }
        return new InetSocketAddress(host, port);
    }
}
