package dev.murmur.node.config;

/** A configuration value that is present but unusable; the message names the key. */
public final class InvalidSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The full path of the offending key, e.g. {@code murmur.mqtt.max-packet-size}. */
    public String key() {
        return key;
    }
}
