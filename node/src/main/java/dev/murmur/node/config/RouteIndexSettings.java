package dev.murmur.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import org.apache.pekko.cluster.ddata.ReplicatorSettings;

/**
 * The validated route-index settings read next to {@link NodeSettings} (which keeps the key
 * count and write timeout): how often keys that changed are diffed whole into the local view,
 * and the settings of the route index's own Distributed Data replicator.
 */
public record RouteIndexSettings(Duration resyncInterval, ReplicatorSettings replicator) {

    private static final String RESYNC = "murmur.routing.route-index-resync-interval";
    private static final String REPLICATOR = "murmur.routing.route-index-replicator";
    private static final String PEKKO_DDATA = "pekko.cluster.distributed-data";

    public static RouteIndexSettings from(Config config) {
        Duration d = config.getDuration(RESYNC);
        if (d.isNegative() || d.isZero()) {
            throw new InvalidSettingException(RESYNC, "must be a positive duration, was " + d);
        }
        // Keys not set under murmur.routing.route-index-replicator come from Pekko's defaults.
        Config replicatorConfig = config.getConfig(REPLICATOR).withFallback(config.getConfig(PEKKO_DDATA));
        Duration gossip = durationOf(replicatorConfig, "gossip-interval");
        if (gossip.isNegative() || gossip.isZero()) {
            throw new InvalidSettingException(REPLICATOR + ".gossip-interval", "must be a positive duration, was "
                    + gossip);
        }
        try {
            return new RouteIndexSettings(d, ReplicatorSettings.apply(replicatorConfig));
        } catch (ConfigException | IllegalArgumentException e) {
            throw new InvalidSettingException(REPLICATOR, e.getMessage());
        }
    }

    private static Duration durationOf(Config c, String path) {
        try {
            return c.getDuration(path);
        } catch (ConfigException e) {
            throw new InvalidSettingException(REPLICATOR + "." + path, e.getMessage());
        }
    }
}
