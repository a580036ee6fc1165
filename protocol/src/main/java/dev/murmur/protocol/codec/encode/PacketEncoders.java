package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.property.PropertyId;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * The engine behind {@link dev.murmur.protocol.codec.MqttEncoder}: one encoder per packet type,
 * looked up by type, and the fixed header around them. Sizing validates every field the wire
 * cannot represent (out-of-range integers, strings over 65,535 bytes, unpaired surrogates,
 * properties a packet type does not define, AUTH before v5) and throws
 * {@link IllegalArgumentException}: those are programming errors. Protocol rules that span
 * fields (at least one subscription, no password without a user name in 3.1.1, ...) are the
 * sender's to respect; the encoder writes what it is given.
 */
public final class PacketEncoders {
    private static final PacketEncoder<?>[] BY_TYPE = new PacketEncoder<?>[PacketType.values().length];
    private static final int TYPE_BYTE = 1;
    /** The two ways to shrink a packet for a peer's Maximum Packet Size, in the order tried. */
    private static final int[] SHRINK_STEPS = {
        PropertyWriter.OMIT_REASON_STRING,
        PropertyWriter.OMIT_REASON_STRING | PropertyWriter.OMIT_USER_PROPERTIES,
    };

    static {
        register(new ConnectEncoder());
        register(new ConnAckEncoder());
        register(new PublishEncoder());
        register(AckEncoder.pubAck());
        register(AckEncoder.pubRec());
        register(AckEncoder.pubRel());
        register(AckEncoder.pubComp());
        register(new SubscribeEncoder());
        register(new SubAckEncoder());
        register(new UnsubscribeEncoder());
        register(new UnsubAckEncoder());
        register(EmptyEncoder.pingReq());
        register(EmptyEncoder.pingResp());
        register(new DisconnectEncoder());
        register(new AuthEncoder());
    }

    private PacketEncoders() {
    }

    private static void register(PacketEncoder<?> encoder) {
        BY_TYPE[encoder.type().ordinal()] = encoder;
    }

    private static PacketEncoder<?> encoderFor(MqttPacket packet) {
        return BY_TYPE[packet.type().ordinal()];
    }

    /** The exact encoded size, fixed header included. */
    public static int encodedSize(MqttPacket packet, MqttVersion version) {
        return checkedSize(packet, version, PropertyWriter.KEEP_ALL);
    }

    /** Encodes into a new heap buffer of exactly the packet's size, flipped for reading. */
    public static ByteBuffer encode(MqttPacket packet, MqttVersion version) {
        long remaining = remainingLength(packet, version, PropertyWriter.KEEP_ALL);
        return allocateAndWrite(packet, version, PropertyWriter.KEEP_ALL, remaining);
    }

    /**
     * Encodes for a peer with the given Maximum Packet Size. When the whole packet is too large
     * and its type carries a Reason String (CONNACK, the publish acknowledgements, SUBACK,
     * UNSUBACK, DISCONNECT, AUTH), the Reason String and then also the User Properties are left
     * out (MQTT-3.2.2-19/-20, MQTT-3.4.2-2/-3 and their siblings). The user properties of a
     * PUBLISH belong to the application message and are never dropped (MQTT-3.3.2-17).
     * Returns null when the packet cannot fit (MQTT-3.1.2-25: the server discards it).
     */
    public static ByteBuffer encode(MqttPacket packet, MqttVersion version, long maxPacketSize) {
        long remaining = remainingLength(packet, version, PropertyWriter.KEEP_ALL);
        if (fits(remaining, maxPacketSize)) {
            return allocateAndWrite(packet, version, PropertyWriter.KEEP_ALL, remaining);
        }
        if (!version.isV5() || !PropertyId.REASON_STRING.allowedIn(packet.type())) {
            return null;
        }
        for (int omit : SHRINK_STEPS) {
            remaining = remainingLength(packet, version, omit);
            if (fits(remaining, maxPacketSize)) {
                return allocateAndWrite(packet, version, omit, remaining);
            }
        }
        return null;
    }

    /**
     * Writes the packet at {@code out}'s position and advances it. Throws
     * {@link BufferOverflowException} before writing anything when {@code out} is too small.
     */
    public static void encode(MqttPacket packet, MqttVersion version, ByteBuffer out) {
        long remaining = remainingLength(packet, version, PropertyWriter.KEEP_ALL);
        if (out.remaining() < totalSize(remaining)) {
            throw new BufferOverflowException();
        }
        write(packet, version, PropertyWriter.KEEP_ALL, (int) remaining, out);
    }

    private static long remainingLength(MqttPacket packet, MqttVersion version, int omit) {
        return encoderFor(packet).remainingLength(packet, version, omit);
    }

    private static int checkedSize(MqttPacket packet, MqttVersion version, int omit) {
        return totalSize(remainingLength(packet, version, omit));
    }

    /** Fixed header plus body; throws when the body exceeds the remaining-length range. */
    private static int totalSize(long remaining) {
        if (remaining > WireWriter.MAX_VARIABLE_BYTE_INTEGER) {
            throw new IllegalArgumentException("remaining length " + remaining + " exceeds "
                    + WireWriter.MAX_VARIABLE_BYTE_INTEGER);
        }
        return TYPE_BYTE + WireWriter.vbiSize(remaining) + (int) remaining;
    }

    private static boolean fits(long remaining, long maxPacketSize) {
        return remaining <= WireWriter.MAX_VARIABLE_BYTE_INTEGER && totalSize(remaining) <= maxPacketSize;
    }

    private static ByteBuffer allocateAndWrite(MqttPacket packet, MqttVersion version, int omit, long remaining) {
        ByteBuffer out = ByteBuffer.allocate(totalSize(remaining));
        write(packet, version, omit, (int) remaining, out);
        return out.flip();
    }

    private static void write(MqttPacket packet, MqttVersion version, int omit, int remaining, ByteBuffer out) {
        PacketEncoder<?> encoder = encoderFor(packet);
        out.put((byte) encoder.firstByte(packet));
        WireWriter.writeVbi(out, remaining);
        encoder.writeBody(packet, version, omit, remaining, out);
    }
}
