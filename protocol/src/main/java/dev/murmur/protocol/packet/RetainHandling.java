package dev.murmur.protocol.packet;

/** Subscription option "Retain Handling" (MQTT 5.0 section 3.8.3.1). */
public enum RetainHandling {
    /** 0: send retained messages at the time of the subscribe. */
    SEND_ON_SUBSCRIBE,
    /** 1: send retained messages only if the subscription did not already exist. */
    SEND_IF_NEW_SUBSCRIPTION,
    /** 2: do not send retained messages at the time of the subscribe. */
    DO_NOT_SEND;

    private static final RetainHandling[] BY_VALUE = values();

    public int value() {
        return ordinal();
    }

    /** The option for a wire value, or null for 3 (a malformed packet). */
    public static RetainHandling ofValue(int v) {
        return v >= 0 && v < BY_VALUE.length ? BY_VALUE[v] : null;
    }
}
