/**
 * Trace context and log correlation across services: a {@link dev.netx.spi.TracePropagation} over
 * Micrometer Tracing, and the saga id carried into Reactor pipelines for the logging MDC.
 */
package dev.netx.spring.tracing;
