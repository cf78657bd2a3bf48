/**
 * What users may plug into Netx: the {@link dev.netx.spi.SagaCodec} that turns events into stream
 * payloads and back, the {@link dev.netx.spi.SagaIdGenerator} that names new sagas, the
 * {@link dev.netx.spi.NetxObserver} told of a node's work, and the {@link dev.netx.spi.TracePropagation}
 * that carries a trace context from publishers to handlers.
 */
package dev.netx.spi;
