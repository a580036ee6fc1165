package dev.murmur.protocol.codec;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Feeds one input through a decoder and checks the decoder's contract: every call returns one of
 * Decoded, NeedMoreData or Failed; no exception escapes; no failure comes from the last-resort
 * exception guard; the number of calls is bounded by the input length (no spinning).
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

    @Override
    public String toString() {
        return "decoded=" + decoded + " needMoreData=" + needMore + " failed=" + failed + " calls=" + calls;
    }
}
