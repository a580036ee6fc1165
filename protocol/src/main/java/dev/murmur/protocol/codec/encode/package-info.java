/**
 * The MQTT encoder behind {@link dev.murmur.protocol.codec.MqttEncoder}: one package-private
 * encoder per packet type, looked up by type in {@link dev.murmur.protocol.codec.encode.PacketEncoders},
 * with shared helpers for the wire data types and property sections.
 */
package dev.murmur.protocol.codec.encode;
