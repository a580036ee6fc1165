/** The Murmur broker process. */
package dev.murmur.node;
