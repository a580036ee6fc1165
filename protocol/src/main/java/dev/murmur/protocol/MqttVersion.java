package dev.murmur.protocol;

/** The MQTT protocol levels this broker speaks, with their CONNECT protocol names. */
public enum MqttVersion {
    V3_1(3, "MQIsdp"),
    V3_1_1(4, "MQTT"),
    V5(5, "MQTT");

    private final int level;
    private final String protocolName;

    MqttVersion(int level, String protocolName) {
        this.level = level;
        this.protocolName = protocolName;
    }

    /** The protocol level byte of CONNECT (3, 4 or 5). */
    public int level() {
        return level;
    }

    /** The protocol name string of CONNECT for this level. */
    public String protocolName() {
        return protocolName;
    }

    /** True for MQTT 5.0, the only version with properties and reason codes on every ack. */
    public boolean isV5() {
        return this == V5;
    }

    /** The version for a protocol level byte, or null when the level is not supported. */
    public static MqttVersion ofLevel(int level) {
        return switch (level) {
            case 3 -> V3_1;
            case 4 -> V3_1_1;
            case 5 -> V5;
            default -> null;
        };
    }
}
