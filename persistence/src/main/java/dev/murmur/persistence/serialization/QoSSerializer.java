package dev.murmur.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.murmur.protocol.QoS;

/** QoS as its one-byte wire value: it appears twice in every journaled message. */
final class QoSSerializer extends Serializer<QoS> {
    QoSSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, QoS qos) {
        output.writeByte(qos.value());
    }

    @Override
    public QoS read(Kryo kryo, Input input, Class<? extends QoS> type) {
        int v = input.readByte();
        QoS qos = QoS.ofValue(v);
        if (qos == null) {
            throw new KryoException("invalid QoS " + v);
        }
        return qos;
    }
}
