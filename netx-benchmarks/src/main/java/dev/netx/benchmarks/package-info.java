/**
 * The throughput and latency harness of Netx: saga workloads run closed-loop (fixed concurrency) or
 * open-loop (fixed arrival rate, latency measured from the intended start) against a Redis the
 * harness starts itself, with Redis command counts, memory, allocation and the Redis ceiling of the
 * same run. {@link dev.netx.benchmarks.Benchmark} is the entry point.
 */
package dev.netx.benchmarks;
