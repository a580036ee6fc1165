package dev.murmur.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.MqttPacket;
import java.nio.ByteBuffer;
import java.util.Random;

/** Test helper: drive a decoder over bytes in different ways and unwrap the results. */
public final class Decoding {
    private Decoding() {
    }

    /** A server-side decoder that has decoded a minimal CONNECT of {@code version}. */
    public static MqttDecoder server(MqttVersion version) {
        MqttDecoder d = MqttDecoder.forServer(Golden.MAX);
        assertThat(d.decode(ByteBuffer.wrap(Golden.connect(version)))).isInstanceOf(DecodeResult.Decoded.class);
        return d;
    }

    /** A client-side decoder for {@code version}. */
    public static MqttDecoder client(MqttVersion version) {
        return MqttDecoder.forClient(version, Golden.MAX);
    }

    /** Decodes {@code bytes} in one call and checks that exactly the packet was consumed. */
    public static DecodeResult once(MqttDecoder d, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        DecodeResult r = d.decode(in);
        if (r instanceof DecodeResult.Decoded) {
            assertThat(in.hasRemaining()).as("bytes left after the packet").isFalse();
        }
        return r;
    }

    /** The packet decoded from {@code bytes} in one call; fails the test otherwise. */
    public static MqttPacket packet(MqttDecoder d, byte[] bytes) {
        DecodeResult r = once(d, bytes);
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) r).packet();
    }

    /** The reason code of the failure decoding {@code bytes} in one call; fails the test otherwise. */
    public static ReasonCode failure(MqttDecoder d, byte[] bytes) {
        DecodeResult r = once(d, bytes);
        assertThat(r).isInstanceOf(DecodeResult.Failed.class);
        return reason(r);
    }

    /** The reason code of a failure that came from a deliberate check, not the last-resort guard. */
    public static ReasonCode reason(DecodeResult r) {
        assertThat(r).isInstanceOf(DecodeResult.Failed.class);
        DecodeResult.Failed f = (DecodeResult.Failed) r;
        assertThat(f.detail()).as("failure from the exception guard").doesNotStartWith("decoder error");
        return f.reasonCode();
    }

    /** Feeds one byte per call: every call but the last must ask for more. */
    public static DecodeResult byteByByte(MqttDecoder d, byte[] bytes) {
        for (int i = 0; i < bytes.length - 1; i++) {
            DecodeResult r = d.decode(ByteBuffer.wrap(bytes, i, 1));
            if (!(r instanceof DecodeResult.NeedMoreData)) {
                return r;
            }
        }
        return d.decode(ByteBuffer.wrap(bytes, bytes.length - 1, 1));
    }

    /** Feeds the bytes in random-sized chunks; returns the first result that is not NeedMoreData. */
    public static DecodeResult randomSplits(MqttDecoder d, byte[] bytes, Random random) {
        int pos = 0;
        DecodeResult r = DecodeResult.NeedMoreData.INSTANCE;
        while (pos < bytes.length) {
            int n = 1 + random.nextInt(bytes.length - pos);
            ByteBuffer chunk = ByteBuffer.wrap(bytes, pos, n);
            r = d.decode(chunk);
            pos += n - chunk.remaining();
            if (!(r instanceof DecodeResult.NeedMoreData)) {
                return r;
            }
        }
        return r;
    }
}
