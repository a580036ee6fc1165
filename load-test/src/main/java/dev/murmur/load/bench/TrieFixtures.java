package dev.murmur.load.bench;

import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;

/**
 * Filter and topic sets for the trie benchmarks, shaped like a device fleet: about 90 % exact
 * telemetry filters of single devices, a few device-wide and tenant-wide wildcards, and a handful
 * of fleet-wide ones. Deterministic for a given seed.
 */
final class TrieFixtures {
    static final int TENANTS = 100;
    static final String[] SENSORS = {"temp", "hum", "pressure", "battery"};
    static final String[] METRICS = {"value", "avg"};
    /** Values are shard ids, shared like the route index shares them. */
    static final Integer[] SHARDS = new Integer[1024];

    static {
        for (int i = 0; i < SHARDS.length; i++) {
            SHARDS[i] = i;
        }
    }

    private TrieFixtures() {
    }

    /** The number of devices a fleet of {@code filterCount} filters spreads over. */
    static int devices(int filterCount) {
        return Math.max(1, filterCount / 2);
    }

    /** A 7-level telemetry topic: tenant/t{n}/device/d{n}/telemetry/{sensor}/{metric}. */
    static String topic(int device, int sensor, int metric) {
        return "tenant/t" + device % TENANTS + "/device/d" + device + "/telemetry/" + SENSORS[sensor] + "/"
                + METRICS[metric];
    }

    /** {@code count} distinct filters. */
    static String[] filters(int count, long seed) {
        Random random = new Random(seed);
        int devices = devices(count);
        Set<String> out = new LinkedHashSet<>(count * 2);
        while (out.size() < count) {
            int device = random.nextInt(devices);
            int tenant = device % TENANTS;
            int sensor = random.nextInt(SENSORS.length);
            int metric = random.nextInt(METRICS.length);
            int dice = random.nextInt(1000);
            String device0 = "tenant/t" + tenant + "/device/d" + device;
            if (dice < 900) {
                out.add(topic(device, sensor, metric));
            } else if (dice < 950) {
                out.add(device0 + "/#");
            } else if (dice < 980) {
                out.add(device0 + "/telemetry/+/" + METRICS[metric]);
            } else if (dice < 995) {
                out.add("tenant/t" + tenant + "/device/+/telemetry/" + SENSORS[sensor] + "/" + METRICS[metric]);
            } else if (dice < 999) {
                out.add("tenant/t" + tenant + "/#");
            } else {
                out.add("tenant/+/device/+/telemetry/" + SENSORS[sensor] + "/#");
            }
        }
        return out.toArray(new String[0]);
    }

    /** Topics to publish on: 80 % from known devices, 20 % from devices no filter names. */
    static String[] topics(int count, int filterCount, long seed) {
        Random random = new Random(seed);
        int devices = devices(filterCount);
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            int device = random.nextInt(5) == 0 ? devices + random.nextInt(devices) : random.nextInt(devices);
            out[i] = topic(device, random.nextInt(SENSORS.length), random.nextInt(METRICS.length));
        }
        return out;
    }
}
