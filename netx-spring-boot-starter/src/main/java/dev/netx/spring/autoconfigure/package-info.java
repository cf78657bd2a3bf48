/**
 * Auto-configuration of Netx for Spring Boot, one per concern: the node and its lifecycle
 * ({@link dev.netx.spring.autoconfigure.NetxAutoConfiguration}), its health indicator, its metrics and
 * its actuator endpoint. Everything else here is package-private wiring.
 */
package dev.netx.spring.autoconfigure;
