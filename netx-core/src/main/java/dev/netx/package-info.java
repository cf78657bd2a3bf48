/**
 * Netx: sagas over Redis Streams. This package is the public API: {@link dev.netx.Netx} builds a
 * running node from a Lettuce client and {@link dev.netx.NetxOptions}; {@link dev.netx.SagaManager}
 * starts, joins, commits and rolls back choreographed sagas; {@link dev.netx.SagaListener} reacts to
 * them in a service group; {@link dev.netx.DeadLetters} lists and relays what could not be handled.
 */
package dev.netx;
