package dev.murmur.protocol.codec;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.MqttPacket;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Feeds one input through a decoder and checks the decoder's contract: every call returns one of
 * Decoded, NeedMoreData or Failed; no exception escapes; no failure comes from the last-resort
 * exception guard; the number of calls is bounded by the input length (no spinning); and every
 * packet decoded from hostile bytes encodes again and decodes to itself, so decoder and encoder
 * agree on what a valid packet is.
 */
public final class FuzzHarness {
    /** Outcome counts over a run. */
    public long decoded;
    public long needMore;
    public long failed;
    public long calls;

    /** Runs one input in random chunks; returns null when the contract held, else what broke. */
    public String run(MqttDecoder decoder, byte[] bytes, Random random) {
        int cap = bytes.length + 2; // every call consumes a byte or ends the packet; +2 for the empty tail
        int callsForInput = 0;
        int pos = 0;
        do {
            int chunk = bytes.length == pos ? 0 : random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(bytes.length - pos);
            ByteBuffer in = ByteBuffer.wrap(bytes, pos, chunk);
            DecodeResult r;
            while (true) {
                if (++callsForInput > cap) {
                    return "more than " + cap + " decode calls for " + bytes.length + " bytes";
                }
                calls++;
                try {
                    r = decoder.decode(in);
                } catch (RuntimeException e) {
                    return "exception escaped: " + e;
                }
                if (r instanceof DecodeResult.Decoded d) {
                    if (d.packet() == null) {
                        return "Decoded without a packet";
                    }
                    String mismatch = reencode(d.packet(), decoder);
                    if (mismatch != null) {
                        return mismatch;
                    }
                    decoded++;
                } else if (r instanceof DecodeResult.Failed f) {
                    if (f.reasonCode() == null || f.detail() == null) {
                        return "Failed without a reason";
                    }
                    if (f.detail().startsWith("decoder error")) {
                        return "exception guard hit: " + f.detail();
                    }
                    failed++;
                    return null;
                } else if (r == DecodeResult.NeedMoreData.INSTANCE) {
                    needMore++;
                    if (in.hasRemaining()) {
                        return "NeedMoreData with " + in.remaining() + " bytes unread";
                    }
                    break;
                } else {
                    return "unexpected result " + r;
                }
                if (!in.hasRemaining()) {
                    break;
                }
            }
            pos += chunk;
        } while (pos < bytes.length);
        return null;
    }

    /** Encodes {@code packet} in the decoder's version and decodes it with a fresh decoder of the same role. */
    private static String reencode(MqttPacket packet, MqttDecoder decoder) {
        MqttVersion version = decoder.version();
        boolean serverSide = decoder.connectProtocolLevel() >= 0 || packet instanceof Connect;
        ByteBuffer encoded;
        try {
            encoded = MqttEncoder.encode(packet, version);
        } catch (RuntimeException e) {
            return "decoded " + packet + " but the encoder refuses it: " + e;
        }
        MqttDecoder fresh = serverSide ? MqttDecoder.forServer(Integer.MAX_VALUE)
                : MqttDecoder.forClient(version, Integer.MAX_VALUE);
        if (serverSide && !(packet instanceof Connect)) {
            fresh.decode(ByteBuffer.wrap(Golden.connect(version)));
        }
        DecodeResult again = fresh.decode(encoded);
        if (!(again instanceof DecodeResult.Decoded d2 && d2.packet().equals(packet))) {
            return "decoded " + packet + " but its encoding " + Hex.of(encoded.rewind()) + " decodes to " + again;
        }
        return null;
    }

    @Override
    public String toString() {
        return "decoded=" + decoded + " needMoreData=" + needMore + " failed=" + failed + " calls=" + calls;
    }
}
