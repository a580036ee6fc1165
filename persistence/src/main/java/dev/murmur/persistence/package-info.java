/** Durable state of the broker: Kryo serialization of cluster messages and journal events, journal wiring. */
package dev.murmur.persistence;
