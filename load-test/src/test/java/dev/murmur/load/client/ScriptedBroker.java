package dev.murmur.load.client;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.codec.MqttDecoder;
import dev.murmur.protocol.packet.MqttPacket;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fake broker for client tests: it accepts connections on an ephemeral loopback port, records
 * every packet a client sends, and sends only what the test tells it to. Not a broker at all.
 */
final class ScriptedBroker implements AutoCloseable {
    private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<MqttPacket> received = new LinkedBlockingQueue<>();
    private final Channel server;
    private volatile Channel client;

    ScriptedBroker(MqttVersion version) {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        client = ch;
                        ch.pipeline().addLast(new ServerDecoder(), new MqttPacketEncoder(version),
                                new SimpleChannelInboundHandler<MqttPacket>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, MqttPacket p) {
                                        received.add(p);
                                    }
                                });
                    }
                }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The next packet the client sent, waiting up to 5 s. */
    MqttPacket next() throws InterruptedException {
        MqttPacket p = received.poll(5, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("the client sent nothing within 5 s");
        }
        return p;
    }

    /** The next packet of {@code type}, skipping others (PINGREQs, say). */
    <T extends MqttPacket> T next(Class<T> type) throws InterruptedException {
        while (true) {
            MqttPacket p = next();
            if (type.isInstance(p)) {
                return type.cast(p);
            }
        }
    }

    /** Packets received so far and not yet taken. */
    List<MqttPacket> drained() {
        List<MqttPacket> l = new java.util.ArrayList<>();
        received.drainTo(l);
        return l;
    }

    void send(MqttPacket... packets) {
        for (MqttPacket p : packets) {
            client.write(p);
        }
        client.flush();
    }

    void closeClient() {
        client.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Server-side streaming decode with protocol/'s decoder. */
    private static final class ServerDecoder extends ByteToMessageDecoder {
        private final MqttDecoder decoder = MqttDecoder.forServer(1 << 20);

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            ByteBuffer nio = in.nioBuffer();
            while (nio.hasRemaining()) {
                DecodeResult r = decoder.decode(nio);
                if (r instanceof DecodeResult.Decoded d) {
                    out.add(d.packet());
                } else if (r instanceof DecodeResult.Failed f) {
                    throw new IllegalStateException("client sent a bad packet: " + f);
                } else {
                    break;
                }
            }
            in.skipBytes(nio.position());
        }
    }
}
