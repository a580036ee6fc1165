package dev.murmur.load.target;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Keeps the swarm on this machine unless told otherwise: a target must resolve to loopback
 * addresses only (127.0.0.0/8, ::1, localhost), or the user must pass --allow-remote with an
 * explicit --host. A load tester pointed at someone else's server by accident is an attack.
 */
public final class TargetGuard {
    private TargetGuard() {
    }

    /** Thrown when a target is refused; the message says how to proceed on purpose. */
    public static final class RefusedTarget extends IllegalArgumentException {
        RefusedTarget(String message) {
            super(message);
        }
    }

    /**
     * Checks {@code host}. Loopback passes. Anything else passes only when {@code hostGiven} and
     * {@code allowRemote} are both true.
     */
    public static void check(String host, boolean hostGiven, boolean allowRemote) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("cannot resolve target host " + host);
        }
        if (isLoopback(addresses)) {
            return;
        }
        if (!hostGiven || !allowRemote) {
            throw new RefusedTarget("refusing non-loopback target " + host
                    + ": load tests stay on 127.0.0.0/8 or ::1 unless you pass both --host and --allow-remote");
        }
    }

    static boolean isLoopback(InetAddress[] addresses) {
        if (addresses.length == 0) {
            return false;
        }
        for (InetAddress a : addresses) {
            if (!a.isLoopbackAddress()) {
                return false;
            }
        }
        return true;
    }
}
