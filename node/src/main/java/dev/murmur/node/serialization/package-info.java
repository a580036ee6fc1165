/** Explicit Kryo ids of the broker's cluster messages and journal events. */
package dev.murmur.node.serialization;
