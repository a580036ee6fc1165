package dev.murmur.load.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Refuses a run that would exhaust this process's file descriptors: past the limit every socket
 * and even class loading fail, and the run would end in a confusing error instead of a verdict.
 */
final class FileDescriptors {
    /** Descriptors the JVM itself needs: jars, epoll, pipes, the report files. */
    static final long RESERVED = 256;

    private FileDescriptors() {
    }

    static void checkRoomFor(long connections) {
        long max = maxDescriptors();
        if (max > 0 && connections + RESERVED > max) {
            throw new IllegalArgumentException(connections + " connections need about " + (connections + RESERVED)
                    + " file descriptors, but this process may open " + max + "; raise it with ulimit -n");
        }
    }

    static long maxDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
