package dev.murmur.load.client;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spreads outgoing connections over the source addresses 127.0.0.2, 127.0.0.3, ... A TCP
 * connection is identified by its 4-tuple, so one source address reaches a target at most about
 * 28 000 times (the ephemeral port range); N source addresses lift that limit N-fold. Only used
 * when the target is an IPv4 loopback address, where every 127/8 address is local.
 */
public final class SourceAddresses {
    /** Connections per source address before the next one is used, well under the port range. */
    public static final int CONNECTIONS_PER_ADDRESS = 20_000;
    private static final int FIRST = 0x7F000002;
    private static final int LAST = 0x7FFFFFFE;

    private final int count;
    private final AtomicLong next = new AtomicLong();

    private SourceAddresses(int count) {
        this.count = count;
    }

    /** No binding: the kernel picks the source address. */
    public static SourceAddresses none() {
        return new SourceAddresses(0);
    }

    /**
     * {@code count} addresses from 127.0.0.2 on, or, when {@code count} is negative, as many as
     * {@code connections} need; none when {@code target} is not IPv4 loopback.
     */
    public static SourceAddresses forTarget(InetAddress target, int count, long connections) {
        if (!(target instanceof Inet4Address) || !target.isLoopbackAddress() || count == 0) {
            return none();
        }
        long wanted = count > 0 ? count : (connections + CONNECTIONS_PER_ADDRESS - 1) / CONNECTIONS_PER_ADDRESS;
        // One address only when more are not needed: binding costs a syscall and nothing else.
        if (count < 0 && wanted <= 1) {
            return none();
        }
        return new SourceAddresses((int) Math.min(wanted, LAST - FIRST + 1L));
    }

    /** How many addresses are used (0 = none bound). */
    public int count() {
        return count;
    }

    /** The local address for the next connection, or null to let the kernel choose. */
    public InetSocketAddress next() {
        if (count == 0) {
            return null;
        }
        return new InetSocketAddress(address((int) (next.getAndIncrement() % count)), 0);
    }

    /** The i-th source address (0 = 127.0.0.2). */
    static InetAddress address(int i) {
        int a = FIRST + i;
        byte[] b = {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
