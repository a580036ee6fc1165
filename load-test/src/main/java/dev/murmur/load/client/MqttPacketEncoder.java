package dev.murmur.load.client;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.codec.MqttEncoder;
import dev.murmur.protocol.packet.MqttPacket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.ByteBuffer;

/** Encodes packets with protocol/'s encoder straight into an exactly sized Netty buffer. */
final class MqttPacketEncoder extends MessageToByteEncoder<MqttPacket> {
    private final MqttVersion version;

    MqttPacketEncoder(MqttVersion version) {
        super(MqttPacket.class);
        this.version = version;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, MqttPacket packet, boolean preferDirect) {
        int size = MqttEncoder.encodedSize(packet, version);
        return preferDirect ? ctx.alloc().ioBuffer(size, size) : ctx.alloc().heapBuffer(size, size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MqttPacket packet, ByteBuf out) {
        int size = out.writableBytes();
        ByteBuffer target = out.nioBuffer(out.writerIndex(), size);
        MqttEncoder.encode(packet, version, target);
        out.writerIndex(out.writerIndex() + size);
    }
}
