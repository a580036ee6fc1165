/**
 * Durability of sessions: persistent sessions as event-sourced entities, the journaled directory
 * of each shard's persistent sessions and their subscriptions, and shard hubs that recover their
 * filter table from it after a restart.
 */
package dev.murmur.node.durable;
