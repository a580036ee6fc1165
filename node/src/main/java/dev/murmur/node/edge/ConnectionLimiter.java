package dev.murmur.node.edge;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts live sockets against a listener's and the node's maximum; acquire before any work. */
final class ConnectionLimiter {
    private final AtomicInteger node;
    private final int nodeMax;
    private final AtomicInteger listener = new AtomicInteger();
    private final int listenerMax;

    ConnectionLimiter(AtomicInteger node, int nodeMax, int listenerMax) {
        this.node = node;
        this.nodeMax = nodeMax;
        this.listenerMax = listenerMax;
    }

    /** Takes a slot; returns false (and takes nothing) when either limit is reached. */
    boolean tryAcquire() {
        if (listener.incrementAndGet() > listenerMax) {
            listener.decrementAndGet();
            return false;
        }
        if (node.incrementAndGet() > nodeMax) {
            node.decrementAndGet();
            listener.decrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        listener.decrementAndGet();
        node.decrementAndGet();
    }
}
