package dev.murmur.protocol.property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Immutable MQTT 5.0 property set of one packet. Single-valued properties are held in a small
 * array indexed by {@link PropertyId#ordinal()}; user properties and subscription identifiers
 * keep their order. Value types: BYTE, TWO_BYTE_INTEGER and VARIABLE_BYTE_INTEGER as
 * {@link Integer}, FOUR_BYTE_INTEGER as {@link Long} (unsigned), UTF-8 as {@link String},
 * binary as {@code byte[]}.
 */
public final class Properties {
    /** The empty set, shared by every packet without properties. */
    public static final Properties EMPTY = new Properties(null, List.of(), List.of());

    private static final int COUNT = PropertyId.values().length;

    private final Object[] values; // null when no single-valued property is present
    private final List<UserProperty> userProperties;
    private final List<Integer> subscriptionIdentifiers;
    /** Bit {@code 1 << id.ordinal()} per present property: encoders visit only those. */
    private final int presentMask;

    private Properties(Object[] values, List<UserProperty> userProperties, List<Integer> subscriptionIdentifiers) {
        this.values = values;
        this.userProperties = userProperties;
        this.subscriptionIdentifiers = subscriptionIdentifiers;
        int mask = 0;
        if (values != null) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    mask |= 1 << i;
                }
            }
        }
        if (!userProperties.isEmpty()) {
            mask |= 1 << PropertyId.USER_PROPERTY.ordinal();
        }
        if (!subscriptionIdentifiers.isEmpty()) {
            mask |= 1 << PropertyId.SUBSCRIPTION_IDENTIFIER.ordinal();
        }
        this.presentMask = mask;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this set's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        if (values != null) {
            for (PropertyId id : PropertyId.values()) {
                Object v = values[id.ordinal()];
                if (v != null) {
                    b.put(id, v);
                }
            }
        }
        if (!userProperties.isEmpty()) {
            b.userProperties(userProperties);
        }
        for (int i = 0, n = subscriptionIdentifiers.size(); i < n; i++) {
            b.subscriptionIdentifier(subscriptionIdentifiers.get(i));
        }
        return b;
    }

    /** True when no property at all is present. */
    public boolean isEmpty() {
        return presentMask == 0;
    }

    /**
     * The present properties as a bit set: bit {@code id.ordinal()} is set when {@link #has}
     * would say true (27 ids fit one int). Lets an encoder visit only the properties present, in
     * ascending identifier order, without probing every id.
     */
    public int presentMask() {
        return presentMask;
    }

    /** The raw value of a single-valued property, or null when absent. */
    public Object get(PropertyId id) {
        if (id == PropertyId.USER_PROPERTY || id == PropertyId.SUBSCRIPTION_IDENTIFIER) {
            throw new IllegalArgumentException(id + " is multi-valued; use its list accessor");
        }
        return values == null ? null : values[id.ordinal()];
    }

    /** Whether a property is present. */
    public boolean has(PropertyId id) {
        return switch (id) {
            case USER_PROPERTY -> !userProperties.isEmpty();
            case SUBSCRIPTION_IDENTIFIER -> !subscriptionIdentifiers.isEmpty();
            default -> (presentMask & (1 << id.ordinal())) != 0;
        };
    }

    /** User properties in wire order. */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /** Subscription identifiers in wire order. */
    public List<Integer> subscriptionIdentifiers() {
        return subscriptionIdentifiers;
    }

    public Integer payloadFormatIndicator() {
        return (Integer) get(PropertyId.PAYLOAD_FORMAT_INDICATOR);
    }

    public Long messageExpiryInterval() {
        return (Long) get(PropertyId.MESSAGE_EXPIRY_INTERVAL);
    }

    public String contentType() {
        return (String) get(PropertyId.CONTENT_TYPE);
    }

    public String responseTopic() {
        return (String) get(PropertyId.RESPONSE_TOPIC);
    }

    public byte[] correlationData() {
        return (byte[]) get(PropertyId.CORRELATION_DATA);
    }

    public Long sessionExpiryInterval() {
        return (Long) get(PropertyId.SESSION_EXPIRY_INTERVAL);
    }

    public String assignedClientIdentifier() {
        return (String) get(PropertyId.ASSIGNED_CLIENT_IDENTIFIER);
    }

    public Integer serverKeepAlive() {
        return (Integer) get(PropertyId.SERVER_KEEP_ALIVE);
    }

    public String authenticationMethod() {
        return (String) get(PropertyId.AUTHENTICATION_METHOD);
    }

    public byte[] authenticationData() {
        return (byte[]) get(PropertyId.AUTHENTICATION_DATA);
    }

    public Integer requestProblemInformation() {
        return (Integer) get(PropertyId.REQUEST_PROBLEM_INFORMATION);
    }

    public Long willDelayInterval() {
        return (Long) get(PropertyId.WILL_DELAY_INTERVAL);
    }

    public Integer requestResponseInformation() {
        return (Integer) get(PropertyId.REQUEST_RESPONSE_INFORMATION);
    }

    public String responseInformation() {
        return (String) get(PropertyId.RESPONSE_INFORMATION);
    }

    public String serverReference() {
        return (String) get(PropertyId.SERVER_REFERENCE);
    }

    public String reasonString() {
        return (String) get(PropertyId.REASON_STRING);
    }

    public Integer receiveMaximum() {
        return (Integer) get(PropertyId.RECEIVE_MAXIMUM);
    }

    public Integer topicAliasMaximum() {
        return (Integer) get(PropertyId.TOPIC_ALIAS_MAXIMUM);
    }

    public Integer topicAlias() {
        return (Integer) get(PropertyId.TOPIC_ALIAS);
    }

    public Integer maximumQos() {
        return (Integer) get(PropertyId.MAXIMUM_QOS);
    }

    public Integer retainAvailable() {
        return (Integer) get(PropertyId.RETAIN_AVAILABLE);
    }

    public Long maximumPacketSize() {
        return (Long) get(PropertyId.MAXIMUM_PACKET_SIZE);
    }

    public Integer wildcardSubscriptionAvailable() {
        return (Integer) get(PropertyId.WILDCARD_SUBSCRIPTION_AVAILABLE);
    }

    public Integer subscriptionIdentifierAvailable() {
        return (Integer) get(PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE);
    }

    public Integer sharedSubscriptionAvailable() {
        return (Integer) get(PropertyId.SHARED_SUBSCRIPTION_AVAILABLE);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Properties other)) {
            return false;
        }
        return userProperties.equals(other.userProperties)
                && subscriptionIdentifiers.equals(other.subscriptionIdentifiers)
                && Arrays.deepEquals(valuesOrEmpty(), other.valuesOrEmpty());
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.deepHashCode(valuesOrEmpty()), userProperties, subscriptionIdentifiers);
    }

    private Object[] valuesOrEmpty() {
        return values == null ? new Object[COUNT] : values;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Properties{");
        if (values != null) {
            for (PropertyId id : PropertyId.values()) {
                Object v = values[id.ordinal()];
                if (v != null) {
                    sb.append(id).append('=').append(v instanceof byte[] b ? "bytes[" + b.length + "]" : v).append(' ');
                }
            }
        }
        if (!userProperties.isEmpty()) {
            sb.append("USER_PROPERTY=").append(userProperties).append(' ');
        }
        if (!subscriptionIdentifiers.isEmpty()) {
            sb.append("SUBSCRIPTION_IDENTIFIER=").append(subscriptionIdentifiers);
        }
        return sb.append('}').toString();
    }

    /** Mutable builder; {@link #build()} yields an immutable set. Range rules live in the codec. */
    public static final class Builder {
        // build() hands these to the immutable set without copying and marks them shared; a
        // builder used again after build() copies them first (copy on write), so a built set
        // never changes while the common build-once path (the decoder) copies nothing.
        private Object[] values;
        private int valueCount;
        private boolean valuesShared;
        private List<UserProperty> userProperties;
        private boolean userPropertiesShared;
        private List<Integer> subscriptionIdentifiers;
        private boolean subscriptionIdentifiersShared;

        private Builder() {
        }

        /** Sets a single-valued property; a null value removes it. */
        public Builder put(PropertyId id, Object value) {
            if (id == PropertyId.USER_PROPERTY || id == PropertyId.SUBSCRIPTION_IDENTIFIER) {
                throw new IllegalArgumentException(id + " is multi-valued");
            }
            if (values == null) {
                if (value == null) {
                    return this;
                }
                values = new Object[COUNT];
            } else if (valuesShared) {
                values = values.clone();
                valuesShared = false;
            }
            Object old = values[id.ordinal()];
            values[id.ordinal()] = value;
            if (old == null && value != null) {
                valueCount++;
            } else if (old != null && value == null) {
                valueCount--;
            }
            return this;
        }

        /** Whether a single-valued property was already set (used to refuse duplicates). */
        public boolean has(PropertyId id) {
            return values != null && values[id.ordinal()] != null;
        }

        public Builder userProperty(String name, String value) {
            writableUserProperties().add(new UserProperty(name, value));
            return this;
        }

        public Builder userProperties(List<UserProperty> props) {
            writableUserProperties().addAll(props);
            return this;
        }

        public Builder subscriptionIdentifier(int id) {
            if (subscriptionIdentifiers == null) {
                subscriptionIdentifiers = new ArrayList<>(1);
            } else if (subscriptionIdentifiersShared) {
                subscriptionIdentifiers = new ArrayList<>(subscriptionIdentifiers);
                subscriptionIdentifiersShared = false;
            }
            subscriptionIdentifiers.add(id);
            return this;
        }

        private List<UserProperty> writableUserProperties() {
            if (userProperties == null) {
                userProperties = new ArrayList<>(2);
            } else if (userPropertiesShared) {
                userProperties = new ArrayList<>(userProperties);
                userPropertiesShared = false;
            }
            return userProperties;
        }

        public Builder payloadFormatIndicator(Integer v) {
            return put(PropertyId.PAYLOAD_FORMAT_INDICATOR, v);
        }

        public Builder messageExpiryInterval(Long v) {
            return put(PropertyId.MESSAGE_EXPIRY_INTERVAL, v);
        }

        public Builder contentType(String v) {
            return put(PropertyId.CONTENT_TYPE, v);
        }

        public Builder responseTopic(String v) {
            return put(PropertyId.RESPONSE_TOPIC, v);
        }

        public Builder correlationData(byte[] v) {
            return put(PropertyId.CORRELATION_DATA, v);
        }

        public Builder sessionExpiryInterval(Long v) {
            return put(PropertyId.SESSION_EXPIRY_INTERVAL, v);
        }

        public Builder assignedClientIdentifier(String v) {
            return put(PropertyId.ASSIGNED_CLIENT_IDENTIFIER, v);
        }

        public Builder serverKeepAlive(Integer v) {
            return put(PropertyId.SERVER_KEEP_ALIVE, v);
        }

        public Builder authenticationMethod(String v) {
            return put(PropertyId.AUTHENTICATION_METHOD, v);
        }

        public Builder authenticationData(byte[] v) {
            return put(PropertyId.AUTHENTICATION_DATA, v);
        }

        public Builder requestProblemInformation(Integer v) {
            return put(PropertyId.REQUEST_PROBLEM_INFORMATION, v);
        }

        public Builder willDelayInterval(Long v) {
            return put(PropertyId.WILL_DELAY_INTERVAL, v);
        }

        public Builder requestResponseInformation(Integer v) {
            return put(PropertyId.REQUEST_RESPONSE_INFORMATION, v);
        }

        public Builder responseInformation(String v) {
            return put(PropertyId.RESPONSE_INFORMATION, v);
        }

        public Builder serverReference(String v) {
            return put(PropertyId.SERVER_REFERENCE, v);
        }

        public Builder reasonString(String v) {
            return put(PropertyId.REASON_STRING, v);
        }

        public Builder receiveMaximum(Integer v) {
            return put(PropertyId.RECEIVE_MAXIMUM, v);
        }

        public Builder topicAliasMaximum(Integer v) {
            return put(PropertyId.TOPIC_ALIAS_MAXIMUM, v);
        }

        public Builder topicAlias(Integer v) {
            return put(PropertyId.TOPIC_ALIAS, v);
        }

        public Builder maximumQos(Integer v) {
            return put(PropertyId.MAXIMUM_QOS, v);
        }

        public Builder retainAvailable(Integer v) {
            return put(PropertyId.RETAIN_AVAILABLE, v);
        }

        public Builder maximumPacketSize(Long v) {
            return put(PropertyId.MAXIMUM_PACKET_SIZE, v);
        }

        public Builder wildcardSubscriptionAvailable(Integer v) {
            return put(PropertyId.WILDCARD_SUBSCRIPTION_AVAILABLE, v);
        }

        public Builder subscriptionIdentifierAvailable(Integer v) {
            return put(PropertyId.SUBSCRIPTION_IDENTIFIER_AVAILABLE, v);
        }

        public Builder sharedSubscriptionAvailable(Integer v) {
            return put(PropertyId.SHARED_SUBSCRIPTION_AVAILABLE, v);
        }

        /** The immutable set; returns {@link #EMPTY} when nothing was set. */
        public Properties build() {
            boolean anySingle = valueCount > 0;
            boolean anyUser = userProperties != null && !userProperties.isEmpty();
            boolean anySubscription = subscriptionIdentifiers != null && !subscriptionIdentifiers.isEmpty();
            if (!anySingle && !anyUser && !anySubscription) {
                return EMPTY;
            }
            if (anySingle) {
                valuesShared = true;
            }
            List<UserProperty> users = List.of();
            if (anyUser) {
                userPropertiesShared = true;
                users = Collections.unmodifiableList(userProperties);
            }
            List<Integer> subscriptions = List.of();
            if (anySubscription) {
                subscriptionIdentifiersShared = true;
                subscriptions = Collections.unmodifiableList(subscriptionIdentifiers);
            }
            return new Properties(anySingle ? values : null, users, subscriptions);
        }
    }
}
