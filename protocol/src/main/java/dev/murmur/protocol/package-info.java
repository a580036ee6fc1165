/** MQTT 3.1, 3.1.1 and 5.0 packet model, streaming codec and topic matching; JDK only. */
package dev.murmur.protocol;
