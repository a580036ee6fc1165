/** Durable broker state: session events, retained messages, Kryo serialization, journals. */
package dev.murmur.persistence;
