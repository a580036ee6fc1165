package dev.murmur.protocol.codec.decode;

import static dev.murmur.protocol.ReasonCode.ADMINISTRATIVE_ACTION;
import static dev.murmur.protocol.ReasonCode.BAD_AUTHENTICATION_METHOD;
import static dev.murmur.protocol.ReasonCode.BAD_USER_NAME_OR_PASSWORD;
import static dev.murmur.protocol.ReasonCode.BANNED;
import static dev.murmur.protocol.ReasonCode.CLIENT_IDENTIFIER_NOT_VALID;
import static dev.murmur.protocol.ReasonCode.CONNECTION_RATE_EXCEEDED;
import static dev.murmur.protocol.ReasonCode.CONTINUE_AUTHENTICATION;
import static dev.murmur.protocol.ReasonCode.DISCONNECT_WITH_WILL_MESSAGE;
import static dev.murmur.protocol.ReasonCode.GRANTED_QOS_0;
import static dev.murmur.protocol.ReasonCode.GRANTED_QOS_1;
import static dev.murmur.protocol.ReasonCode.GRANTED_QOS_2;
import static dev.murmur.protocol.ReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
import static dev.murmur.protocol.ReasonCode.KEEP_ALIVE_TIMEOUT;
import static dev.murmur.protocol.ReasonCode.MALFORMED_PACKET;
import static dev.murmur.protocol.ReasonCode.MAXIMUM_CONNECT_TIME;
import static dev.murmur.protocol.ReasonCode.MESSAGE_RATE_TOO_HIGH;
import static dev.murmur.protocol.ReasonCode.NORMAL_DISCONNECTION;
import static dev.murmur.protocol.ReasonCode.NOT_AUTHORIZED;
import static dev.murmur.protocol.ReasonCode.NO_MATCHING_SUBSCRIBERS;
import static dev.murmur.protocol.ReasonCode.NO_SUBSCRIPTION_EXISTED;
import static dev.murmur.protocol.ReasonCode.PACKET_IDENTIFIER_IN_USE;
import static dev.murmur.protocol.ReasonCode.PACKET_IDENTIFIER_NOT_FOUND;
import static dev.murmur.protocol.ReasonCode.PACKET_TOO_LARGE;
import static dev.murmur.protocol.ReasonCode.PAYLOAD_FORMAT_INVALID;
import static dev.murmur.protocol.ReasonCode.PROTOCOL_ERROR;
import static dev.murmur.protocol.ReasonCode.QOS_NOT_SUPPORTED;
import static dev.murmur.protocol.ReasonCode.QUOTA_EXCEEDED;
import static dev.murmur.protocol.ReasonCode.RECEIVE_MAXIMUM_EXCEEDED;
import static dev.murmur.protocol.ReasonCode.RETAIN_NOT_SUPPORTED;
import static dev.murmur.protocol.ReasonCode.RE_AUTHENTICATE;
import static dev.murmur.protocol.ReasonCode.SERVER_BUSY;
import static dev.murmur.protocol.ReasonCode.SERVER_MOVED;
import static dev.murmur.protocol.ReasonCode.SERVER_SHUTTING_DOWN;
import static dev.murmur.protocol.ReasonCode.SERVER_UNAVAILABLE;
import static dev.murmur.protocol.ReasonCode.SESSION_TAKEN_OVER;
import static dev.murmur.protocol.ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED;
import static dev.murmur.protocol.ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED;
import static dev.murmur.protocol.ReasonCode.SUCCESS;
import static dev.murmur.protocol.ReasonCode.TOPIC_ALIAS_INVALID;
import static dev.murmur.protocol.ReasonCode.TOPIC_FILTER_INVALID;
import static dev.murmur.protocol.ReasonCode.TOPIC_NAME_INVALID;
import static dev.murmur.protocol.ReasonCode.UNSPECIFIED_ERROR;
import static dev.murmur.protocol.ReasonCode.UNSUPPORTED_PROTOCOL_VERSION;
import static dev.murmur.protocol.ReasonCode.USE_ANOTHER_SERVER;
import static dev.murmur.protocol.ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED;

import dev.murmur.protocol.ReasonCode;

/**
 * The reason codes each packet type may carry on the wire, as 256-entry lookup tables from the
 * byte to the {@link ReasonCode} name that packet gives it (0x00 is SUCCESS in a PUBACK but
 * NORMAL_DISCONNECTION in a DISCONNECT and GRANTED_QOS_0 in a SUBACK). A null entry is a code the
 * packet may not carry: the packet is malformed.
 */
final class ReasonCodes {
    /** MQTT 5.0 section 3.2.2.2. */
    static final ReasonCode[] CONNACK = table(SUCCESS, UNSPECIFIED_ERROR, MALFORMED_PACKET, PROTOCOL_ERROR,
            IMPLEMENTATION_SPECIFIC_ERROR, UNSUPPORTED_PROTOCOL_VERSION, CLIENT_IDENTIFIER_NOT_VALID,
            BAD_USER_NAME_OR_PASSWORD, NOT_AUTHORIZED, SERVER_UNAVAILABLE, SERVER_BUSY, BANNED,
            BAD_AUTHENTICATION_METHOD, TOPIC_NAME_INVALID, PACKET_TOO_LARGE, QUOTA_EXCEEDED,
            PAYLOAD_FORMAT_INVALID, RETAIN_NOT_SUPPORTED, QOS_NOT_SUPPORTED, USE_ANOTHER_SERVER, SERVER_MOVED,
            CONNECTION_RATE_EXCEEDED);

    /** MQTT 3.1.1 section 3.2.2.3: return codes 0-5, whose values differ from the v5 codes. */
    static final ReasonCode[] CONNACK_V3 = new ReasonCode[256];

    /** MQTT 5.0 sections 3.4.2.1 (PUBACK) and 3.5.2.1 (PUBREC) share one list. */
    static final ReasonCode[] PUBACK = table(SUCCESS, NO_MATCHING_SUBSCRIBERS, UNSPECIFIED_ERROR,
            IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, TOPIC_NAME_INVALID, PACKET_IDENTIFIER_IN_USE,
            QUOTA_EXCEEDED, PAYLOAD_FORMAT_INVALID);
    static final ReasonCode[] PUBREC = PUBACK;

    /** MQTT 5.0 sections 3.6.2.1 (PUBREL) and 3.7.2.1 (PUBCOMP). */
    static final ReasonCode[] PUBREL = table(SUCCESS, PACKET_IDENTIFIER_NOT_FOUND);
    static final ReasonCode[] PUBCOMP = PUBREL;

    /** MQTT 5.0 section 3.9.3. */
    static final ReasonCode[] SUBACK = table(GRANTED_QOS_0, GRANTED_QOS_1, GRANTED_QOS_2, UNSPECIFIED_ERROR,
            IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, TOPIC_FILTER_INVALID, PACKET_IDENTIFIER_IN_USE,
            QUOTA_EXCEEDED, SHARED_SUBSCRIPTIONS_NOT_SUPPORTED, SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED,
            WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED);

    /** MQTT 3.1.1 section 3.9.3: granted QoS 0-2 or 0x80 Failure (MQTT 3.1 knows only 0-2). */
    static final ReasonCode[] SUBACK_V3 = table(GRANTED_QOS_0, GRANTED_QOS_1, GRANTED_QOS_2, UNSPECIFIED_ERROR);

    /** MQTT 5.0 section 3.11.3. */
    static final ReasonCode[] UNSUBACK = table(SUCCESS, NO_SUBSCRIPTION_EXISTED, UNSPECIFIED_ERROR,
            IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED, TOPIC_FILTER_INVALID, PACKET_IDENTIFIER_IN_USE);

    /** MQTT 5.0 section 3.14.2.1; one table for both directions (the spec does not make a code sent the "wrong" way malformed). */
    static final ReasonCode[] DISCONNECT = table(NORMAL_DISCONNECTION, DISCONNECT_WITH_WILL_MESSAGE,
            UNSPECIFIED_ERROR, MALFORMED_PACKET, PROTOCOL_ERROR, IMPLEMENTATION_SPECIFIC_ERROR, NOT_AUTHORIZED,
            SERVER_BUSY, SERVER_SHUTTING_DOWN, KEEP_ALIVE_TIMEOUT, SESSION_TAKEN_OVER, TOPIC_FILTER_INVALID,
            TOPIC_NAME_INVALID, RECEIVE_MAXIMUM_EXCEEDED, TOPIC_ALIAS_INVALID, PACKET_TOO_LARGE,
            MESSAGE_RATE_TOO_HIGH, QUOTA_EXCEEDED, ADMINISTRATIVE_ACTION, PAYLOAD_FORMAT_INVALID,
            RETAIN_NOT_SUPPORTED, QOS_NOT_SUPPORTED, USE_ANOTHER_SERVER, SERVER_MOVED,
            SHARED_SUBSCRIPTIONS_NOT_SUPPORTED, CONNECTION_RATE_EXCEEDED, MAXIMUM_CONNECT_TIME,
            SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED, WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED);

    /** MQTT 5.0 section 3.15.2.1. */
    static final ReasonCode[] AUTH = table(SUCCESS, CONTINUE_AUTHENTICATION, RE_AUTHENTICATE);

    static {
        CONNACK_V3[0x00] = SUCCESS;
        CONNACK_V3[0x01] = UNSUPPORTED_PROTOCOL_VERSION; // "unacceptable protocol version"
        CONNACK_V3[0x02] = CLIENT_IDENTIFIER_NOT_VALID; // "identifier rejected"
        CONNACK_V3[0x03] = SERVER_UNAVAILABLE;
        CONNACK_V3[0x04] = BAD_USER_NAME_OR_PASSWORD;
        CONNACK_V3[0x05] = NOT_AUTHORIZED;
    }

    private ReasonCodes() {
    }

    private static ReasonCode[] table(ReasonCode... codes) {
        ReasonCode[] table = new ReasonCode[256];
        for (ReasonCode code : codes) {
            table[code.value()] = code;
        }
        return table;
    }

    /**
     * The code for {@code value} in {@code table}, or null after recording a MALFORMED failure.
     * A negative value (a failed read) yields null without a new failure.
     */
    static ReasonCode lookup(WireReader in, ReasonCode[] table, int value, String packet) {
        if (value < 0) {
            return null;
        }
        ReasonCode code = table[value];
        if (code == null) {
            in.fail(ReasonCode.MALFORMED_PACKET, String.format("%s: reason code 0x%02X not allowed", packet, value));
        }
        return code;
    }
}
