package dev.murmur.load.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Netty's codec-mqtt driven two ways, so the comparison can be read with and without Netty's
 * pipeline costs:
 * <ul>
 *   <li><b>direct</b>: {@code MqttDecoder.decode(ctx, in, out)} and {@code MqttEncoder.doEncode(ctx,
 *       msg)} called through method handles (they are protected / package-private) with the
 *       context of an {@link EmbeddedChannel} that carries the protocol-version attribute and the
 *       allocator. This is the codec work alone — no cumulation buffer, no pipeline traversal —
 *       and the fairest peer of our {@code decodeFrame} / {@code encode}.</li>
 *   <li><b>pipeline</b>: {@code writeInbound} / {@code writeOutbound} on an EmbeddedChannel, the way
 *       Netty's codec is used in practice (ByteToMessageDecoder cumulation, handler context
 *       hops, EmbeddedChannel's queues).</li>
 * </ul>
 * Inputs are heap buffers wrapping the fixture bytes; outputs are released after each call.
 */
final class NettyCodec {
    private static final MethodHandle DECODE;
    private static final MethodHandle DO_ENCODE;

    static {
        try {
            Method decode = MqttDecoder.class.getDeclaredMethod("decode", ChannelHandlerContext.class, ByteBuf.class,
                    List.class);
            decode.setAccessible(true);
            DECODE = MethodHandles.lookup().unreflect(decode);
            Method doEncode = MqttEncoder.class.getDeclaredMethod("doEncode", ChannelHandlerContext.class,
                    MqttMessage.class);
            doEncode.setAccessible(true);
            DO_ENCODE = MethodHandles.lookup().unreflect(doEncode);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MqttDecoder directDecoder = new MqttDecoder(CodecFixtures.MAX_PACKET, 256);
    private final ChannelHandlerContext decodeContext;
    private final ChannelHandlerContext encodeContext;
    private final EmbeddedChannel decodePipeline;
    private final EmbeddedChannel encodePipeline;
    private final List<Object> out = new ArrayList<>(2);

    /** {@code version} is what a CONNECT would have set on the channel; null leaves it unset. */
    NettyCodec(ByteBufAllocator allocator, MqttVersion version) {
        EmbeddedChannel decodeChannel = channel(allocator, version, directDecoder);
        decodeContext = decodeChannel.pipeline().context(directDecoder);
        EmbeddedChannel encodeChannel = channel(allocator, version, MqttEncoder.INSTANCE);
        encodeContext = encodeChannel.pipeline().context(MqttEncoder.INSTANCE);
        decodePipeline = channel(allocator, version, new MqttDecoder(CodecFixtures.MAX_PACKET, 256));
        encodePipeline = channel(allocator, version, MqttEncoder.INSTANCE);
    }

    private static EmbeddedChannel channel(ByteBufAllocator allocator, MqttVersion version,
                                           io.netty.channel.ChannelHandler handler) {
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        channel.config().setAllocator(allocator);
        if (version != null) {
            channel.attr(CodecFixtures.NETTY_VERSION).set(version);
        }
        return channel;
    }

    /** Decodes one packet with a direct call; the caller consumes it, then calls {@link #release}. */
    Object decodeDirect(ByteBuf in) {
        out.clear();
        try {
            DECODE.invokeExact(directDecoder, decodeContext, in, out);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return out.get(0);
    }

    /** Decodes one packet through the channel pipeline; consume it, then {@link #release} it. */
    Object decodePipeline(ByteBuf in) {
        decodePipeline.writeInbound(in);
        return decodePipeline.readInbound();
    }

    /** Encodes with a direct call; {@code message} keeps its reference count. Release the result. */
    ByteBuf encodeDirect(MqttMessage message) {
        try {
            return (ByteBuf) DO_ENCODE.invokeExact(encodeContext, message);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Encodes through the pipeline, which releases the message once: retain it first if reused. */
    ByteBuf encodePipeline(MqttMessage message) {
        encodePipeline.writeOutbound(message);
        return encodePipeline.readOutbound();
    }

    /** Releases a decoded message and, for the direct path, the input it may still share. */
    static void release(Object message, ByteBuf in) {
        ReferenceCountUtil.release(message);
        if (in.refCnt() > 0) {
            in.release();
        }
    }

    /** Fails fast when a fixture does not decode cleanly (a failed decode is cheap and would flatter). */
    static void requireSuccess(Object message) {
        if (!(message instanceof MqttMessage m)) {
            throw new IllegalStateException("Netty decoded nothing: " + message);
        }
        DecoderResult result = m.decoderResult();
        if (!result.isSuccess()) {
            throw new IllegalStateException("Netty failed to decode the fixture", result.cause());
        }
    }

    static ByteBuf wrap(byte[] bytes) {
        return Unpooled.wrappedBuffer(bytes);
    }
}
