package dev.murmur.load.bench;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.codec.MqttDecoder;
import dev.murmur.protocol.codec.MqttEncoder;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.Publish;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Our codec against Netty's codec-mqtt on the same bytes, one packet per operation.
 *
 * <p><b>Decode</b>: both sides start from a heap byte array holding exactly one packet (fixed
 * header included) and end with a packet object. Ours: {@code ByteBuffer.wrap} + {@code
 * MqttDecoder.decodeFrame}, on a server-side decoder that has already decoded the CONNECT of
 * that version; the payload is copied into the record's {@code byte[]}. Netty: {@code
 * Unpooled.wrappedBuffer} + {@code MqttDecoder.decode}, directly ({@code …Netty}) and through an
 * EmbeddedChannel ({@code …NettyPipeline}); Netty's PUBLISH payload is a zero-copy slice of the
 * input. Each Netty message and input buffer is released after it is consumed.
 *
 * <p><b>Encode</b>: both sides turn a packet object into a buffer holding the wire bytes.
 * Like for like: ours into a fresh heap buffer ({@code encode(packet, version)}) vs Netty with an
 * unpooled heap allocator ({@code …Netty}); ours into a reused buffer after {@code encodedSize}
 * ({@code …OursReused}) vs Netty with a pooled heap allocator ({@code …NettyPooled}). The Netty
 * message is built once and reused (its payload's reference count is kept constant).
 *
 * <p>CONNECT decode: ours builds a fresh server decoder per packet (a second CONNECT on one
 * connection is a protocol error, MQTT-3.1.0-2); Netty reuses one decoder, which accepts it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark {

    /** One PUBLISH case: version x payload size, with everything each side needs. */
    @State(Scope.Thread)
    public static class PublishCase {
        @Param({"V3_1_1", "V5"})
        public MqttVersion version;
        @Param({"16", "256", "4096"})
        public int payloadSize;

        byte[] bytes;
        Publish ours;
        MqttPublishMessage netty;
        NettyCodec nettyUnpooled;
        NettyCodec nettyPooled;
        ByteBuffer reused;

        @Setup(Level.Trial)
        public void setUp() {
            ours = CodecFixtures.ourPublish(version, payloadSize);
            bytes = CodecFixtures.nettyBytes(CodecFixtures.nettyPublish(version, payloadSize), version);
            netty = CodecFixtures.nettyPublish(version, payloadSize);
            nettyUnpooled = new NettyCodec(new UnpooledByteBufAllocator(false), CodecFixtures.netty(version));
            nettyPooled = new NettyCodec(new PooledByteBufAllocator(false), CodecFixtures.netty(version));
            reused = ByteBuffer.allocate(bytes.length + 64);
            ByteBuf in = NettyCodec.wrap(bytes);
            Object decoded = nettyUnpooled.decodeDirect(in);
            NettyCodec.requireSuccess(decoded);
            NettyCodec.release(decoded, in);
            ByteBuf encoded = nettyUnpooled.encodeDirect(netty);
            if (encoded.readableBytes() != bytes.length || netty.refCnt() != 1) {
                throw new IllegalStateException("Netty direct encode is not a like-for-like call");
            }
            encoded.release();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            netty.release();
        }
    }

    /** Our codec for a PUBLISH case, checked against the fixture before it is measured. */
    @State(Scope.Thread)
    public static class OurCodec {
        MqttDecoder decoder;

        @Setup(Level.Trial)
        public void setUp(PublishCase c) {
            decoder = MqttDecoder.forServer(CodecFixtures.MAX_PACKET);
            byte[] connect = CodecFixtures.nettyBytes(CodecFixtures.nettyConnect(c.version), c.version);
            require(decoder.decodeFrame(ByteBuffer.wrap(connect)), CodecFixtures.ourConnect(c.version));
            require(decoder.decodeFrame(ByteBuffer.wrap(c.bytes)), c.ours);
            ByteBuffer encoded = MqttEncoder.encode(c.ours, c.version);
            if (encoded.remaining() != c.bytes.length) {
                throw new IllegalStateException("our encoding is " + encoded.remaining() + " bytes, Netty's "
                        + c.bytes.length);
            }
        }
    }

    /** One CONNECT case. */
    @State(Scope.Thread)
    public static class ConnectCase {
        @Param({"V3_1_1", "V5"})
        public MqttVersion connectVersion;

        byte[] bytes;
        Connect ours;
        NettyCodec netty;

        @Setup(Level.Trial)
        public void setUp() {
            ours = CodecFixtures.ourConnect(connectVersion);
            bytes = CodecFixtures.nettyBytes(CodecFixtures.nettyConnect(connectVersion), connectVersion);
            netty = new NettyCodec(new UnpooledByteBufAllocator(false), null);
            ByteBuf in = NettyCodec.wrap(bytes);
            Object decoded = netty.decodeDirect(in);
            NettyCodec.requireSuccess(decoded);
            NettyCodec.release(decoded, in);
        }
    }

    static void require(DecodeResult result, MqttPacket expected) {
        if (!(result instanceof DecodeResult.Decoded d) || !d.packet().equals(expected)) {
            throw new IllegalStateException("our decoder gave " + result + ", expected " + expected);
        }
    }

    // ---- PUBLISH decode ----

    @Benchmark
    public DecodeResult publishDecodeOurs(PublishCase c, OurCodec d) {
        return d.decoder.decodeFrame(ByteBuffer.wrap(c.bytes));
    }

    @Benchmark
    public void publishDecodeNetty(PublishCase c, Blackhole bh) {
        ByteBuf in = NettyCodec.wrap(c.bytes);
        Object message = c.nettyUnpooled.decodeDirect(in);
        bh.consume(message);
        NettyCodec.release(message, in);
    }

    @Benchmark
    public void publishDecodeNettyPipeline(PublishCase c, Blackhole bh) {
        ByteBuf in = NettyCodec.wrap(c.bytes);
        Object message = c.nettyUnpooled.decodePipeline(in);
        bh.consume(message);
        NettyCodec.release(message, in);
    }

    // ---- PUBLISH encode ----

    @Benchmark
    public ByteBuffer publishEncodeOurs(PublishCase c, OurCodec checked) {
        return MqttEncoder.encode(c.ours, c.version);
    }

    @Benchmark
    public int publishEncodeOursReused(PublishCase c, OurCodec checked) {
        ByteBuffer out = c.reused;
        out.clear();
        if (MqttEncoder.encodedSize(c.ours, c.version) > out.remaining()) {
            throw new IllegalStateException("fixture buffer too small");
        }
        MqttEncoder.encode(c.ours, c.version, out);
        return out.position();
    }

    @Benchmark
    public void publishEncodeNetty(PublishCase c, Blackhole bh) {
        ByteBuf out = c.nettyUnpooled.encodeDirect(c.netty);
        bh.consume(out);
        out.release();
    }

    @Benchmark
    public void publishEncodeNettyPooled(PublishCase c, Blackhole bh) {
        ByteBuf out = c.nettyPooled.encodeDirect(c.netty);
        bh.consume(out);
        out.release();
    }

    @Benchmark
    public void publishEncodeNettyPipeline(PublishCase c, Blackhole bh) {
        c.netty.retain(); // the pipeline's encoder releases the message once
        ByteBuf out = c.nettyUnpooled.encodePipeline(c.netty);
        bh.consume(out);
        out.release();
    }

    // ---- CONNECT decode ----

    /** Checks our decoder on the CONNECT fixture before it is measured. */
    @State(Scope.Thread)
    public static class OurConnectCheck {
        @Setup(Level.Trial)
        public void setUp(ConnectCase c) {
            require(MqttDecoder.forServer(CodecFixtures.MAX_PACKET).decodeFrame(ByteBuffer.wrap(c.bytes)), c.ours);
        }
    }

    @Benchmark
    public DecodeResult connectDecodeOurs(ConnectCase c, OurConnectCheck checked) {
        return MqttDecoder.forServer(CodecFixtures.MAX_PACKET).decodeFrame(ByteBuffer.wrap(c.bytes));
    }

    @Benchmark
    public void connectDecodeNetty(ConnectCase c, Blackhole bh) {
        ByteBuf in = NettyCodec.wrap(c.bytes);
        Object message = c.netty.decodeDirect(in);
        bh.consume(message);
        NettyCodec.release(message, in);
    }

    @Benchmark
    public void connectDecodeNettyPipeline(ConnectCase c, Blackhole bh) {
        ByteBuf in = NettyCodec.wrap(c.bytes);
        Object message = c.netty.decodePipeline(in);
        bh.consume(message);
        NettyCodec.release(message, in);
    }
}
