package dev.murmur.protocol.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile decoder inputs from the golden vectors and from encoded random valid packets
 * ({@link RandomPackets}): bit flips, truncations, huge or
 * over-long remaining lengths, random byte runs, splices and wholly random bytes. Shared by the
 * bounded {@code DecoderRobustnessTest} and the long-running {@link DecoderFuzz}.
 */
public final class FrameMutator {
    /** Bytes that sit on boundaries of lengths, flags and property identifiers. */
    private static final int[] INTERESTING = {0x00, 0x01, 0x02, 0x03, 0x7F, 0x80, 0x81, 0xC0, 0xED, 0xF4, 0xFE, 0xFF};

    private final Random random;
    private final List<Golden.Vector> vectors = Golden.all();
    private final RandomPackets packets;

    public FrameMutator(Random random) {
        this.random = random;
        this.packets = new RandomPackets(random);
    }

    /** One input: the vector it came from (for the decoder's role and version) and the bytes. */
    public record Input(Golden.Vector base, boolean handshakeFirst, byte[] bytes) {
    }

    public Input next() {
        Golden.Vector base = random.nextBoolean() ? vectors.get(random.nextInt(vectors.size())) : randomValid();
        byte[] bytes = base.bytes().clone();
        if (random.nextInt(4) == 0) {
            // Follow with more packets of the same role and version, so mutations can land mid-stream.
            for (Golden.Vector v : vectors) {
                if (v.fromClient() == base.fromClient() && v.version() == base.version() && random.nextInt(8) == 0) {
                    bytes = Hex.concat(bytes, v.bytes());
                }
            }
        }
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            bytes = mutate(bytes);
        }
        // A server-side decoder rejects everything before CONNECT; pass the handshake first most of
        // the time so the mutations reach the other packet decoders.
        boolean handshake = base.fromClient() && random.nextInt(5) != 0;
        return new Input(base, handshake, bytes);
    }

    /** An encoded random valid packet: far more property and field shapes than the golden vectors. */
    private Golden.Vector randomValid() {
        RandomPackets.Sample s = packets.next();
        java.nio.ByteBuffer encoded = MqttEncoder.encode(s.packet(), s.version());
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return new Golden.Vector("random " + s.packet().type() + " " + s.version(), s.version(), s.fromClient(), bytes,
                s.packet());
    }

    private byte[] mutate(byte[] b) {
        switch (random.nextInt(9)) {
            case 0 -> { // flip 1-4 bits
                if (b.length > 0) {
                    for (int i = random.nextInt(4); i >= 0; i--) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                return b;
            }
            case 1 -> { // truncate
                return Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
            }
            case 2 -> { // announce a huge or over-long remaining length
                byte[] len = switch (random.nextInt(4)) {
                    case 0 -> Hex.bytes("FF FF FF 7F");
                    case 1 -> Hex.bytes("80 80 80 80 01");
                    case 2 -> Hex.vbi(random.nextInt(268_435_456));
                    default -> Hex.vbi(random.nextInt(300));
                };
                int header = Math.min(b.length, 1 + skipLength(b));
                return Hex.concat(b.length > 0 ? new byte[] {b[0]} : new byte[] {0x30}, len,
                        Arrays.copyOfRange(b, header, b.length));
            }
            case 3 -> { // overwrite with interesting bytes
                if (b.length > 0) {
                    for (int i = random.nextInt(3); i >= 0; i--) {
                        b[random.nextInt(b.length)] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
                    }
                }
                return b;
            }
            case 4 -> { // insert a random run
                int at = random.nextInt(b.length + 1);
                byte[] run = new byte[1 + random.nextInt(8)];
                random.nextBytes(run);
                return Hex.concat(Arrays.copyOf(b, at), run, Arrays.copyOfRange(b, at, b.length));
            }
            case 5 -> { // delete a run
                if (b.length < 2) {
                    return b;
                }
                int at = random.nextInt(b.length - 1);
                int n = 1 + random.nextInt(Math.min(8, b.length - at));
                return Hex.concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + n, b.length));
            }
            case 6 -> { // splice bytes of another vector
                byte[] other = vectors.get(random.nextInt(vectors.size())).bytes();
                int from = random.nextInt(other.length);
                int at = random.nextInt(b.length + 1);
                return Hex.concat(Arrays.copyOf(b, at), Arrays.copyOfRange(other, from, other.length));
            }
            case 7 -> { // change the packet type or flags nibble
                if (b.length > 0) {
                    b[0] = (byte) (random.nextBoolean() ? (random.nextInt(16) << 4) | (b[0] & 0x0F)
                            : (b[0] & 0xF0) | random.nextInt(16));
                }
                return b;
            }
            default -> { // wholly random bytes
                byte[] r = new byte[random.nextInt(48)];
                random.nextBytes(r);
                return r;
            }
        }
    }

    /** The number of remaining-length bytes after the first byte (at most 4, as far as present). */
    private static int skipLength(byte[] b) {
        int n = 0;
        while (n < 4 && 1 + n < b.length) {
            n++;
            if ((b[n] & 0x80) == 0) {
                break;
            }
        }
        return n;
    }

    /** A fresh decoder for the input's role and version, handshake applied when asked. */
    public static MqttDecoder decoderFor(Input input, int maxPacketSize) {
        if (!input.base().fromClient()) {
            return MqttDecoder.forClient(input.base().version(), maxPacketSize);
        }
        MqttDecoder d = MqttDecoder.forServer(Math.max(maxPacketSize, 64));
        if (input.handshakeFirst()) {
            d.decodeFrame(java.nio.ByteBuffer.wrap(Golden.connect(input.base().version())));
        }
        return d;
    }
}
