/** The {@code netx} actuator endpoint: sagas by id and dead letters. */
package dev.netx.spring.endpoint;
