package dev.murmur.load.scenario;

import dev.murmur.load.client.MqttClient;
import dev.murmur.load.client.PublishListener;
import dev.murmur.load.verify.Payload;
import dev.murmur.load.verify.PublisherLedger;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import java.util.concurrent.atomic.LongAdder;

/**
 * One stream of verifiable messages: a client, a topic, a QoS and the ledger of what was sent
 * and accepted. Driven by its event loop's {@link PublishPacer}.
 */
public final class Publisher implements PublishListener {
    private final MqttClient client;
    private final PublisherLedger ledger;
    private final String topic;
    private final QoS qos;
    private final boolean retain;
    private final int payloadSize;
    private final LongAdder refused;
    long issued;

    public Publisher(MqttClient client, PublisherLedger ledger, String topic, boolean retain, int payloadSize,
                     LongAdder refused) {
        this.client = client;
        this.ledger = ledger;
        this.topic = topic;
        this.qos = QoS.ofValue(ledger.qos());
        this.retain = retain;
        this.payloadSize = payloadSize;
        this.refused = refused;
    }

    public MqttClient client() {
        return client;
    }

    public String topic() {
        return topic;
    }

    /** Publishes one message if the client may send now and the budget allows; on the client's loop. */
    public boolean tryPublish(MessageBudget budget) {
        if (!client.canPublish(qos) || !budget.claim()) {
            return false;
        }
        long seq = ledger.nextSequence();
        client.publish(topic, qos, retain, Payload.create(payloadSize, qos.value(), ledger.id(), seq, System.nanoTime()),
                this, seq);
        ledger.sent(seq);
        issued++;
        return true;
    }

    @Override
    public void accepted(long token) {
        ledger.acknowledged(token);
    }

    @Override
    public void refused(long token, ReasonCode reason) {
        refused.increment();
    }
}
