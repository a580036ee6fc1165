package dev.murmur.persistence.serialization;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.RetainHandling;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.property.UserProperty;

/** Kryo ids 100..199: the protocol types that travel inside broker messages and journal events. */
public final class ProtocolRegistrar implements KryoRegistrar {

    @Override
    public void registerTo(KryoRegistry r) {
        r.register(100, QoS.class, new QoSSerializer());
        r.register(101, MqttVersion.class);
        r.register(102, ReasonCode.class);
        r.register(103, RetainHandling.class);
        r.register(104, Properties.class, new PropertiesSerializer());
        r.register(105, UserProperty.class);
        r.register(106, Will.class);
        r.register(107, Subscription.class);
        r.register(108, Publish.class);
    }
}
