package dev.murmur.node.auth;

import dev.murmur.node.config.Mqtt5Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The enhanced authentication methods a node offers, by Authentication Method name. */
public final class EnhancedAuthenticators {
    private final Map<String, EnhancedAuthenticator> byMethod = new HashMap<>();

    public EnhancedAuthenticators(List<EnhancedAuthenticator> authenticators) {
        for (EnhancedAuthenticator a : authenticators) {
            byMethod.put(a.method(), a);
        }
    }

    /** The methods configured in {@code murmur.mqtt5.enhanced-auth}. */
    public static EnhancedAuthenticators fromSettings(Mqtt5Settings settings) {
        return new EnhancedAuthenticators(settings.scramEnabled()
                ? List.of(new ScramSha256Authenticator(settings.scramUsers(), settings.scramIterations()))
                : List.of());
    }

    /** The implementation of {@code method}, or null when this node does not offer it (0x8C). */
    public EnhancedAuthenticator find(String method) {
        return byMethod.get(method);
    }
}
