package dev.murmur.load.client;

import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.PingReq;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubComp;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.PubRel;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.UnsubAck;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The last handler of a client pipeline: routes decoded packets to the {@link MqttClient}, sends
 * PINGREQ when the connection has been quiet for the keep-alive period, and closes a connection
 * whose broker stopped answering. Acknowledgements written while reading go out in one flush.
 */
final class MqttClientHandler extends ChannelInboundHandlerAdapter {
    private final MqttClient client;
    private Throwable failure;

    MqttClientHandler(MqttClient client) {
        this.client = client;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        client.attached(ctx.channel());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client.transportReady();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long now = System.nanoTime();
        if (msg instanceof Publish p) {
            client.onPublish(p, now);
        } else if (msg instanceof PubAck a) {
            client.onPubAck(a.packetId(), a.reasonCode());
        } else if (msg instanceof PubRec r) {
            client.onPubRec(r.packetId(), r.reasonCode());
        } else if (msg instanceof PubRel r) {
            client.onPubRel(r.packetId());
        } else if (msg instanceof PubComp c) {
            client.onPubComp(c.packetId());
        } else if (msg instanceof ConnAck a) {
            client.onConnAck(a);
        } else if (msg instanceof SubAck a) {
            client.onAnswer(a.packetId(), a);
        } else if (msg instanceof UnsubAck a) {
            client.onAnswer(a.packetId(), a);
        } else if (msg instanceof Disconnect d) {
            client.onServerDisconnect(d);
            ctx.close();
        }
        // PINGRESP needs no action: any inbound byte resets the reader-idle timer.
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(PingReq.INSTANCE, ctx.voidPromise());
            } else if (idle.state() == IdleState.READER_IDLE) {
                failure = new IllegalStateException("keep-alive timeout (no PINGRESP)");
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        client.onClosed(failure);
    }
}
