package dev.murmur.node.limits;

import dev.murmur.node.metrics.BrokerMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples heap use and raises the node's overload flag above the high-water mark. Uses each
 * heap pool's usage after its last collection where the JVM reports it, because live data, not
 * garbage awaiting collection, is what new clients would add to; falls back to current use.
 */
public final class MemoryGuard implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryGuard.class);

    private final double highWater;
    private final BrokerMetrics metrics;
    private final List<MemoryPoolMXBean> heapPools;

    public MemoryGuard(double highWater, BrokerMetrics metrics) {
        this.highWater = highWater;
        this.metrics = metrics;
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    /** Fraction of the maximum heap holding live data, as far as the last collections tell. */
    public double heapFraction() {
        long used = 0;
        for (MemoryPoolMXBean p : heapPools) {
            MemoryUsage after = p.getCollectionUsage();
            MemoryUsage now = p.getUsage();
            used += after != null && after.getUsed() > 0 ? Math.min(after.getUsed(), now.getUsed()) : now.getUsed();
        }
        long max = Runtime.getRuntime().maxMemory();
        return max <= 0 ? 0 : (double) used / max;
    }

    @Override
    public void run() {
        if (highWater >= 1.0) {
            return;
        }
        double f = heapFraction();
        boolean over = f >= highWater;
        if (metrics.overloaded().getAndSet(over) != over) {
            if (over) {
                LOG.warn("event=memory_high_water heap_fraction={} high_water={} action=refusing_connects_shedding_qos0",
                        String.format("%.3f", f), highWater);
            } else {
                LOG.info("event=memory_recovered heap_fraction={} high_water={}", String.format("%.3f", f), highWater);
            }
        }
    }
}
