/**
 * Netx for Spring Boot: the {@code netx.*} properties, the choreography listener annotations
 * ({@link dev.netx.spring.SagaStart}, {@link dev.netx.spring.SagaJoin}, {@link dev.netx.spring.SagaCommit},
 * {@link dev.netx.spring.SagaRollback}) for methods of Spring beans, and the callbacks that adjust what the
 * auto-configuration builds.
 */
package dev.netx.spring;
