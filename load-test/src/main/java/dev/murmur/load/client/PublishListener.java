package dev.murmur.load.client;

import dev.murmur.protocol.ReasonCode;

/** Told what became of an outbound QoS 1/2 message; {@code token} is what the publisher passed. */
public interface PublishListener {
    /** PUBACK (QoS 1) or PUBREC (QoS 2) with a success code: the broker owns the message now. */
    void accepted(long token);

    /** PUBACK or PUBREC with an error reason code (v5): the broker refused the message. */
    default void refused(long token, ReasonCode reason) {
    }
}
