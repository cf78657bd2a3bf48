package dev.netx.benchmarks;

import java.util.Map;

/**
 * Everything a run measures at one moment: the load generator's counts, Redis's statistics, the
 * requests the clients sent and the JVM's CPU and allocation. Two samples bound a measurement window.
 *
 * @param nanos     {@link System#nanoTime()} when taken
 * @param completed sagas that ended as expected so far
 * @param errors    sagas that failed so far
 * @param redis     Redis's statistics
 * @param requests  requests sent by the Netx clients so far, by command type
 * @param jvm       this JVM's CPU and allocation
 */
public record Sample(long nanos, long completed, long errors, RedisSample redis, Map<String, Long> requests,
        JvmSample jvm) {

    /** Takes a sample; blocks on the {@code INFO} calls. */
    public static Sample take(Tally tally, RedisStats stats, RequestCounter requests) {
        long completed = tally.completed();
        long errors = tally.errors();
        long nanos = System.nanoTime();
        return new Sample(nanos, completed, errors, stats.sample(), requests.snapshot(), JvmSample.take());
    }
}
