/**
 * What users may plug into Netx: the {@link dev.netx.spi.SagaCodec} that turns events into stream
 * payloads and back, and the {@link dev.netx.spi.SagaIdGenerator} that names new sagas.
 */
package dev.netx.spi;
