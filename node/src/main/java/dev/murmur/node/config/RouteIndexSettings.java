package dev.murmur.node.config;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The validated route-index settings read next to {@link NodeSettings} (which keeps the key
 * count and write timeout): how often keys that changed are diffed whole into the local view.
 */
public record RouteIndexSettings(Duration resyncInterval) {

    private static final String KEY = "murmur.routing.route-index-resync-interval";

    public static RouteIndexSettings from(Config config) {
        Duration d = config.getDuration(KEY);
        if (d.isNegative() || d.isZero()) {
            throw new InvalidSettingException(KEY, "must be a positive duration, was " + d);
        }
        return new RouteIndexSettings(d);
    }
}
