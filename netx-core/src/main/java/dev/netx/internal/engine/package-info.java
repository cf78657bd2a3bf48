/**
 * The saga engine: shard readers hand messages to the dispatcher, which runs the group's listener
 * off the reader thread and finishes each message with one atomic transition; the orphan claimer
 * takes over what silent nodes left pending and dead-letters what keeps failing.
 */
package dev.netx.internal.engine;
