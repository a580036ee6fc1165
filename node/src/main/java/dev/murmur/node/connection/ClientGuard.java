package dev.murmur.node.connection;

import dev.murmur.node.auth.Authorizer;
import dev.murmur.node.auth.ClientInfo;
import dev.murmur.node.config.LimitSettings;
import dev.murmur.node.limits.PublishThrottle;
import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.metrics.Counter;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.topic.SharedSubscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one authenticated client may do: the authorizer's verdict on each PUBLISH and each
 * subscription, the topic-depth limit, and the publish quota. Refused subscriptions never reach
 * the session; their SUBACK codes (0x87 / 0x8F, 3.x: 0x80) are merged back in order
 * (MQTT-3.9.3-1) when the session answers for the rest.
 */
final class ClientGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ClientGuard.class);

    private final Authorizer authorizer;
    private final ClientInfo client;
    private final LimitSettings limits;
    private final BrokerMetrics metrics;
    private final PublishThrottle throttle;
    /** SUBSCRIBE packet id → the refusal code at each position, null where the session decides. */
    private final Map<Integer, ReasonCode[]> refusedSubscriptions = new HashMap<>();

    ClientGuard(Authorizer authorizer, ClientInfo client, LimitSettings limits, BrokerMetrics metrics) {
        this.authorizer = authorizer;
        this.client = client;
        this.limits = limits;
        this.metrics = metrics;
        this.throttle = limits.throttlesPublishes() ? new PublishThrottle(limits, System.nanoTime()) : null;
    }

    ClientInfo client() {
        return client;
    }

    /** The authorizer's connect rule (an ACL "deny connect" bans): CONNACK 0x87 / 0x05 when false. */
    boolean mayConnect() {
        return authorizer.mayConnect(client);
    }

    /** Null when the PUBLISH may go on, else the reason to refuse it with (0x90 too deep, 0x87 denied). */
    ReasonCode checkPublish(String topic) {
        if (tooDeep(topic)) {
            metrics.increment(Counter.PUBLISHES_DENIED);
            return ReasonCode.TOPIC_NAME_INVALID;
        }
        if (!authorizer.mayPublish(client, topic)) {
            metrics.increment(Counter.PUBLISHES_DENIED);
            LOG.debug("event=publish_denied client_id={} user={} topic={}", client.clientId(), client.username(), topic);
            return ReasonCode.NOT_AUTHORIZED;
        }
        return null;
    }

    /** The subscriptions the session should see; the refused ones are remembered for the SUBACK. */
    List<Subscription> admitSubscriptions(int packetId, List<Subscription> requested) {
        ReasonCode[] refused = null;
        List<Subscription> admitted = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            ReasonCode r = checkSubscription(requested.get(i).topicFilter());
            if (r == null) {
                admitted.add(requested.get(i));
            } else {
                if (refused == null) {
                    refused = new ReasonCode[requested.size()];
                }
                refused[i] = r;
            }
        }
        if (refused != null) {
            refusedSubscriptions.put(packetId, refused);
        }
        return admitted;
    }

    /** The SUBACK codes for {@code packetId}: the session's, in order, around the refused ones. */
    List<ReasonCode> subAckCodes(int packetId, List<ReasonCode> fromSession) {
        ReasonCode[] refused = refusedSubscriptions.remove(packetId);
        if (refused == null) {
            return fromSession;
        }
        List<ReasonCode> codes = new ArrayList<>(refused.length);
        int next = 0;
        for (ReasonCode r : refused) {
            codes.add(r != null ? r : next < fromSession.size() ? fromSession.get(next++) : ReasonCode.UNSPECIFIED_ERROR);
        }
        return codes;
    }

    /** The publish quota's verdict on a PUBLISH just accepted from the client. */
    PublishThrottle.Verdict onPublish(Publish p) {
        if (throttle == null) {
            return PublishThrottle.Ok.INSTANCE;
        }
        return throttle.onPublish(p.topic().length() + p.payload().length, System.nanoTime());
    }

    private ReasonCode checkSubscription(String filter) {
        String inner = filter;
        if (filter.startsWith(SharedSubscription.PREFIX)) {
            SharedSubscription shared = SharedSubscription.parse(filter);
            if (shared == null) {
                return null; // invalid: the session answers as it would without an ACL
            }
            inner = shared.filter();
        }
        if (tooDeep(inner)) {
            metrics.increment(Counter.SUBSCRIPTIONS_DENIED);
            return ReasonCode.TOPIC_FILTER_INVALID;
        }
        if (!authorizer.maySubscribe(client, inner)) {
            metrics.increment(Counter.SUBSCRIPTIONS_DENIED);
            LOG.debug("event=subscribe_denied client_id={} user={} filter={}", client.clientId(), client.username(),
                    filter);
            return ReasonCode.NOT_AUTHORIZED;
        }
        return null;
    }

    private boolean tooDeep(String topic) {
        int max = limits.maxTopicLevels();
        if (max <= 0) {
            return false;
        }
        int levels = 1;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/' && ++levels > max) {
                return true;
            }
        }
        return false;
    }
}
