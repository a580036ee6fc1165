package dev.murmur.protocol.packet;

import dev.murmur.protocol.PacketType;

/** One MQTT control packet; the 15 packet types of MQTT 5.0 (3.1/3.1.1 use a subset). */
public sealed interface MqttPacket
        permits Connect, ConnAck, Publish, PubAck, PubRec, PubRel, PubComp, Subscribe, SubAck,
                Unsubscribe, UnsubAck, PingReq, PingResp, Disconnect, Auth {

    /** The fixed-header packet type. */
    PacketType type();
}
