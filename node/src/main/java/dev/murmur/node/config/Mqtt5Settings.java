package dev.murmur.node.config;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MQTT 5.0 features and the capabilities a CONNACK announces (murmur.mqtt5): everything a v5
 * client may rely on comes from here, so operators switch features in one place.
 *
 * @param topicAliasMaximum        aliases a client may use towards us (0: none)
 * @param outboundTopicAliases     aliases we use towards a client, capped by what it allows (0: none)
 * @param maximumQos               highest QoS accepted from and granted to clients
 * @param serverKeepAliveSeconds   0: use the client's keep alive; else the most we allow
 * @param maxSessionExpirySeconds  longest session expiry we grant (0xFFFFFFFF: never expire)
 * @param responseInformationPrefix prefix of the Response Information (client id appended); empty: none
 * @param sharedSubscriptionStrategy how a shared subscription group picks the member for a message
 * @param redirect                  server redirection of new v5 connections (0x9C / 0x9D)
 * @param scramUsers                user name to password for the SCRAM-SHA-256 AUTH method; empty: off
 */
public record Mqtt5Settings(int topicAliasMaximum, int outboundTopicAliases, int maximumQos, boolean retainAvailable,
                            boolean wildcardSubscriptionAvailable, boolean subscriptionIdentifiersAvailable,
                            boolean sharedSubscriptionAvailable, SharedStrategy sharedSubscriptionStrategy,
                            int serverKeepAliveSeconds, long maxSessionExpirySeconds, String responseInformationPrefix,
                            boolean validateUtf8Payload, boolean reasonStrings, Redirect redirect,
                            String serverReference, Map<String, String> scramUsers, int scramIterations) {

    /** MQTT 5.0 3.1.2.11.2: the largest Session Expiry Interval, meaning "never". */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;
    private static final int TWO_BYTE_MAX = 65_535;
    /** RFC 7677 asks for at least 4096 iterations of SCRAM-SHA-256's PBKDF2. */
    private static final int MIN_SCRAM_ITERATIONS = 4096;
    private static final int MAX_SCRAM_ITERATIONS = 1_000_000;

    /** How a shared subscription group picks one member per message. */
    public enum SharedStrategy { ROUND_ROBIN, RANDOM }

    /** Server redirection for new v5 connections (MQTT 5.0 4.11). */
    public enum Redirect {
        NONE, USE_ANOTHER_SERVER, SERVER_MOVED
    }

    /** Reads {@code murmur.mqtt5} from the `murmur` subtree {@code m}. */
    static Mqtt5Settings from(Config m) {
        String prefix = "mqtt5.";
        Redirect redirect = enumValue(m, prefix + "redirect", Redirect.class);
        String reference = m.getString(prefix + "server-reference");
        if (redirect != Redirect.NONE && reference.isBlank()) {
            throw new InvalidSettingException("murmur.mqtt5.server-reference",
                    "must name the other server when murmur.mqtt5.redirect is " + m.getString(prefix + "redirect"));
        }
        return new Mqtt5Settings(
                NodeSettings.intIn(m, prefix + "topic-alias-maximum", 0, TWO_BYTE_MAX),
                NodeSettings.intIn(m, prefix + "outbound-topic-aliases", 0, TWO_BYTE_MAX),
                NodeSettings.intIn(m, prefix + "maximum-qos", 0, 2),
                m.getBoolean(prefix + "retain-available"),
                m.getBoolean(prefix + "wildcard-subscription-available"),
                m.getBoolean(prefix + "subscription-identifiers-available"),
                m.getBoolean(prefix + "shared-subscription-available"),
                enumValue(m, prefix + "shared-subscription-strategy", SharedStrategy.class),
                NodeSettings.intIn(m, prefix + "server-keep-alive", 0, TWO_BYTE_MAX),
                longIn(m, prefix + "max-session-expiry-interval", 0, NEVER_EXPIRES),
                m.getString(prefix + "response-information-prefix"),
                m.getBoolean(prefix + "validate-utf8-payload"),
                m.getBoolean(prefix + "reason-strings"),
                redirect,
                reference,
                scramUsers(m, prefix + "enhanced-auth.scram-sha-256.users"),
                NodeSettings.intIn(m, prefix + "enhanced-auth.scram-sha-256.iterations", MIN_SCRAM_ITERATIONS,
                        MAX_SCRAM_ITERATIONS));
    }

    private static Map<String, String> scramUsers(Config m, String key) {
        List<? extends Config> list = m.getConfigList(key);
        Map<String, String> users = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Config u = list.get(i);
            String name = u.getString("username");
            if (name.isEmpty() || seen.contains(name)) {
                throw new InvalidSettingException("murmur." + key + "[" + i + "].username",
                        "must be a non-empty name used once, was '" + name + "'");
            }
            seen.add(name);
            users.put(name, u.getString("password"));
        }
        return Map.copyOf(users);
    }

    private static <E extends Enum<E>> E enumValue(Config m, String key, Class<E> type) {
        String raw = m.getString(key);
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E v : type.getEnumConstants()) {
                allowed.add(v.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new InvalidSettingException("murmur." + key, "unknown value '" + raw + "', expected one of " + allowed);
        }
    }

    private static long longIn(Config m, String key, long min, long max) {
        long v = m.getLong(key);
        if (v < min || v > max) {
            throw new InvalidSettingException("murmur." + key, "must be within " + min + ".." + max + ", was " + v);
        }
        return v;
    }

    /** Never prints the SCRAM passwords (logs must not carry credentials). */
    @Override
    public String toString() {
        return "Mqtt5Settings[topicAliasMaximum=" + topicAliasMaximum + ", maximumQos=" + maximumQos
                + ", retainAvailable=" + retainAvailable + ", redirect=" + redirect + ", scramUsers="
                + scramUsers.keySet() + "]";
    }

    /** Whether the SCRAM-SHA-256 enhanced authentication method is offered. */
    public boolean scramEnabled() {
        return !scramUsers.isEmpty();
    }
}
