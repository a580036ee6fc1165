package dev.murmur.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Validating readers shared by the settings records; every failure names the full key. */
final class Settings {
    private Settings() {
    }

    static int intIn(Config c, String prefix, String key, long min, long max) {
        long v;
        try {
            v = key.endsWith("size") ? c.getBytes(key) : c.getLong(key);
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            throw new InvalidSettingException(prefix + key, e.getMessage());
        }
        if (v < min || v > max) {
            throw new InvalidSettingException(prefix + key, "must be within " + min + ".." + max + ", was " + v);
        }
        return (int) v;
    }

    static double doubleIn(Config c, String prefix, String key, double min, double max) {
        double v;
        try {
            v = c.getDouble(key);
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            throw new InvalidSettingException(prefix + key, e.getMessage());
        }
        if (v < min || v > max || Double.isNaN(v)) {
            throw new InvalidSettingException(prefix + key, "must be within " + min + ".." + max + ", was " + v);
        }
        return v;
    }

    static Duration positive(Config c, String prefix, String key) {
        Duration d;
        try {
            d = c.getDuration(key);
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            throw new InvalidSettingException(prefix + key, e.getMessage());
        }
        if (d.isNegative() || d.isZero()) {
            throw new InvalidSettingException(prefix + key, "must be a positive duration, was " + d);
        }
        return d;
    }

    /** An optional file: empty string means "not configured" (null); otherwise it must exist. */
    static Path optionalFile(Config c, String prefix, String key) {
        String s = c.getString(key);
        if (s.isBlank()) {
            return null;
        }
        Path p = Path.of(s);
        if (!Files.isRegularFile(p)) {
            throw new InvalidSettingException(prefix + key, "file not found: " + s);
        }
        return p;
    }

    static <E extends Enum<E>> E oneOf(Config c, String prefix, String key, Class<E> type) {
        String v = c.getString(key);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.replace('-', '_'))) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase().replace('_', '-'));
        }
        throw new InvalidSettingException(prefix + key, "unknown value '" + v + "', expected one of " + allowed);
    }
}
