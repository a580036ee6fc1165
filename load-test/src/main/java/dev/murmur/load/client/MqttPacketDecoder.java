package dev.murmur.load.client;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.codec.MqttDecoder;
import dev.murmur.protocol.codec.MqttFrames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Frames inbound bytes by the fixed header's remaining length and hands each whole frame to
 * protocol/'s client-side decoder. A malformed or oversize packet fails the connection: a load
 * tester must not paper over a broker's protocol errors.
 */
final class MqttPacketDecoder extends ByteToMessageDecoder {
    private final MqttDecoder decoder;
    private final int maxPacketSize;

    MqttPacketDecoder(MqttVersion version, int maxPacketSize) {
        this.decoder = MqttDecoder.forClient(version, maxPacketSize);
        this.maxPacketSize = maxPacketSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            long length = MqttFrames.frameLength(in.nioBuffer(), maxPacketSize);
            if (length == MqttFrames.NEED_MORE) {
                return;
            }
            if (length < 0) {
                in.skipBytes(in.readableBytes());
                throw new DecoderException(length == MqttFrames.TOO_LARGE
                        ? "packet larger than " + maxPacketSize + " bytes" : "malformed remaining length");
            }
            if (in.readableBytes() < length) {
                return;
            }
            ByteBuffer frame = in.nioBuffer(in.readerIndex(), (int) length);
            DecodeResult result = decoder.decodeFrame(frame);
            in.skipBytes((int) length);
            if (result instanceof DecodeResult.Decoded decoded) {
                out.add(decoded.packet());
            } else if (result instanceof DecodeResult.Failed failed) {
                in.skipBytes(in.readableBytes());
                throw new DecoderException("broker sent a bad packet: " + failed.reasonCode() + " " + failed.detail());
            } else {
                throw new DecoderException("decoder wanted more bytes of a complete frame");
            }
        }
    }
}
