package dev.murmur.node.edge;

import dev.murmur.node.auth.Peer;
import dev.murmur.node.proxy.ProxyParseResult;
import dev.murmur.node.proxy.ProxyProtocolParser;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * The socket-side layer of every connection, below TLS and HTTP: reads the PROXY protocol header
 * when the listener expects one, and enforces the handshake deadlines (TLS handshake, WebSocket
 * upgrade). Failing this stage fails both directions, which aborts the socket: a slow or lying
 * peer costs one timer and a bounded buffer, nothing more.
 */
final class HandshakeGuard extends GraphStage<BidiShape<ByteString, ByteString, ByteString, ByteString>> {

    /** A handshake that must finish in time: {@code done} is polled when the deadline passes. */
    record Deadline(String what, Duration timeout, BooleanSupplier done) {
    }

    /** What the guard reports (metrics and logs live in the edge). */
    interface Events {
        void proxyHeaderRejected(Peer peer, String reason);

        /** Once the PROXY header named the real client: may it connect now (its address's rate)? */
        boolean admitRealAddress(Peer peer);

        void handshakeTimedOut(Peer peer, String what);
    }

    /** Why the guard closed a connection; the message is safe to log. */
    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    private final Inlet<ByteString> fromApp = Inlet.create("guard.fromApp");
    private final Outlet<ByteString> toNet = Outlet.create("guard.toNet");
    private final Inlet<ByteString> fromNet = Inlet.create("guard.fromNet");
    private final Outlet<ByteString> toApp = Outlet.create("guard.toApp");
    private final BidiShape<ByteString, ByteString, ByteString, ByteString> shape =
            new BidiShape<>(fromApp, toNet, fromNet, toApp);

    private final Peer peer;
    private final ProxyProtocolParser proxyParser;
    private final Deadline[] deadlines;
    private final Events events;

    /** @param proxyParser null when the listener expects no PROXY header */
    HandshakeGuard(Peer peer, ProxyProtocolParser proxyParser, Events events, Deadline... deadlines) {
        this.peer = peer;
        this.proxyParser = proxyParser;
        this.events = events;
        this.deadlines = deadlines.clone();
    }

    @Override
    public BidiShape<ByteString, ByteString, ByteString, ByteString> shape() {
        return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attributes) {
        return new TimerGraphStageLogic(shape) {
            private boolean awaitingProxy = proxyParser != null;
            private byte[] header = new byte[0];

            {
                setHandler(fromApp, new AbstractInHandler() {
                    @Override
                    public void onPush() {
                        push(toNet, grab(fromApp));
                    }

                    @Override
                    public void onUpstreamFinish() {
                        complete(toNet);
                    }
                });
                setHandler(toNet, new AbstractOutHandler() {
                    @Override
                    public void onPull() {
                        if (!hasBeenPulled(fromApp) && !isClosed(fromApp)) {
                            pull(fromApp);
                        }
                    }

                    @Override
                    public void onDownstreamFinish(Throwable cause) {
                        cancel(fromApp, cause);
                    }
                });
                setHandler(fromNet, new AbstractInHandler() {
                    @Override
                    public void onPush() {
                        ByteString bytes = grab(fromNet);
                        if (awaitingProxy) {
                            onHeaderBytes(bytes);
                        } else {
                            push(toApp, bytes);
                        }
                    }
                });
                setHandler(toApp, new AbstractOutHandler() {
                    @Override
                    public void onPull() {
                        if (!hasBeenPulled(fromNet) && !isClosed(fromNet)) {
                            pull(fromNet);
                        }
                    }

                    @Override
                    public void onDownstreamFinish(Throwable cause) {
                        cancel(fromNet, cause);
                    }
                });
            }

            @Override
            public void preStart() {
                for (Deadline d : deadlines) {
                    scheduleOnce(d, d.timeout());
                }
            }

            @Override
            public void onTimer(Object key) {
                Deadline d = (Deadline) key;
                if (!d.done().getAsBoolean()) {
                    events.handshakeTimedOut(peer, d.what());
                    failStage(new Rejected(d.what() + " not completed within " + d.timeout()));
                }
            }

            private void onHeaderBytes(ByteString bytes) {
                int old = header.length;
                header = Arrays.copyOf(header, old + bytes.size());
                bytes.copyToArray(header, old, bytes.size());
                ProxyParseResult r = proxyParser.parse(header, header.length);
                if (r instanceof ProxyParseResult.Parsed p) {
                    awaitingProxy = false;
                    peer.proxy(p.header());
                    if (!events.admitRealAddress(peer)) {
                        failStage(new Rejected("connection rate of " + peer + " exceeded"));
                        return;
                    }
                    ByteString rest = ByteString.fromArray(header, p.length(), header.length - p.length());
                    header = null;
                    if (rest.isEmpty()) {
                        pull(fromNet);
                    } else {
                        push(toApp, rest);
                    }
                } else if (r instanceof ProxyParseResult.Malformed m) {
                    events.proxyHeaderRejected(peer, m.reason());
                    failStage(new Rejected(m.reason()));
                } else {
                    pull(fromNet); // the parser bounds how much it waits for
                }
            }
        };
    }
}
