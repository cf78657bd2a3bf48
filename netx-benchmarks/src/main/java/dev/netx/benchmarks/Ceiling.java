package dev.netx.benchmarks;

/**
 * The Redis ceiling of one topology: the most saga-step cycles per second ({@code XADD} of the next
 * message, {@code XREADGROUP} delivering it, {@code XACK}) this client achieved, pipelined.
 *
 * @param topology       the topology measured
 * @param streams        streams (shards) the cycles spread over
 * @param inFlight       messages kept in flight at the best rate
 * @param stepsPerSecond cycles completed per second at the best rate
 * @param redisCpuPercent Redis CPU time meanwhile, percent of one core: near 100 means Redis is the limit
 * @param jvmCpuPercent  this JVM's CPU time meanwhile, percent of one core
 */
public record Ceiling(String topology, int streams, int inFlight, double stepsPerSecond, double redisCpuPercent,
        double jvmCpuPercent) {
}
