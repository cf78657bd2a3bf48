package dev.netx.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The figures of one measurement point. Per-saga figures divide what happened in the window by the
 * sagas that ended as expected in it.
 *
 * @param workload            the workload's letter, {@code a} to {@code d}
 * @param description         what a saga of it does
 * @param topology            {@code standalone} or {@code cluster}
 * @param nodes               nodes per group
 * @param shards              stream shards
 * @param load                {@code closed <concurrency>} or {@code open <rate>/s}
 * @param seconds             length of the measurement window
 * @param sagas               sagas that ended as expected in the window
 * @param errors              sagas that failed, ended unexpectedly or were dropped in the window
 * @param sagasPerSecond      sagas that ended as expected, per second
 * @param minSagasPerSecond   the slowest whole second of the window
 * @param p50Ms               median latency from the call (open loop: the intended start) to the outcome
 * @param p99Ms               99th percentile latency
 * @param p999Ms              99.9th percentile latency
 * @param maxMs               the longest latency
 * @param commandsPerSaga     commands Redis ran ({@code INFO commandstats}, inside Lua scripts included)
 * @param requestsPerSaga     requests the clients sent, each one round trip (Lettuce command listener)
 * @param readsPerSaga        socket reads Redis processed ({@code total_reads_processed}): pipelined requests
 *                            that arrive together count once
 * @param entriesPerSaga      stream entries appended ({@code XADD} calls): messages each saga moved
 * @param redisCpuPercent     Redis CPU time over the window, in percent of one core
 * @param jvmCpuPercent       this JVM's CPU time (Netx, Lettuce and the load generator), percent of one core
 * @param redisCpuMicrosPerSaga Redis CPU time per saga in microseconds
 * @param jvmCpuMicrosPerSaga this JVM's CPU time per saga in microseconds
 * @param allocatedKbPerSaga  JVM allocation per saga in KiB, the load generator's included; -1 if unknown
 * @param usedMemoryMb        Redis {@code used_memory} at the end of the window, finished sagas' state included
 * @param ceilingFraction     stream entries moved per second over the ceiling's step cycles per second; 0 until
 *                            {@link #withCeiling(Ceiling)}
 * @param commandsByType      {@link #commandsPerSaga} by command
 * @param requestsByType      {@link #requestsPerSaga} by command
 * @param redisMicrosByType   microseconds per saga Redis spent in each command ({@code INFO commandstats}
 *                            usec: a script's time includes the commands it ran)
 * @param perSecond           sagas that ended as expected in each whole second of the window
 */
public record RunResult(String workload, String description, String topology, int nodes, int shards, String load,
        double seconds, long sagas, long errors, double sagasPerSecond, double minSagasPerSecond, double p50Ms,
        double p99Ms, double p999Ms, double maxMs, double commandsPerSaga, double requestsPerSaga,
        double readsPerSaga, double entriesPerSaga, double redisCpuPercent, double jvmCpuPercent,
        double redisCpuMicrosPerSaga, double jvmCpuMicrosPerSaga, double allocatedKbPerSaga, double usedMemoryMb,
        double ceilingFraction, Map<String, Double> commandsByType, Map<String, Double> requestsByType,
        Map<String, Double> redisMicrosByType, List<Long> perSecond) {

    /** Copies the collections. */
    public RunResult {
        commandsByType = Map.copyOf(commandsByType);
        requestsByType = Map.copyOf(requestsByType);
        redisMicrosByType = Map.copyOf(redisMicrosByType);
        perSecond = List.copyOf(perSecond);
    }

    /**
     * The figures of a window.
     *
     * @param latencies     latencies in microseconds of the sagas that ended in the window
     * @param perSecond     sagas that ended as expected in each whole second of the window
     */
    public static RunResult of(RunSpec spec, Sample before, Sample after, Histogram latencies, List<Long> perSecond) {
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        long sagas = after.completed() - before.completed();
        double per = Math.max(1, sagas);
        RedisSample redis = after.redis().since(before.redis());
        Map<String, Double> commands = perSaga(redis.commands(), per);
        Map<String, Long> requestDelta = new TreeMap<>();
        after.requests().forEach((type, count) -> {
            long diff = count - before.requests().getOrDefault(type, 0L);
            if (diff > 0) {
                requestDelta.put(type, diff);
            }
        });
        long requests = requestDelta.values().stream().mapToLong(Long::longValue).sum();
        double entries = redis.commands().getOrDefault("xadd", 0L) / per;
        double rate = sagas / seconds;
        double jvmCpuSeconds = (after.jvm().cpuNanos() - before.jvm().cpuNanos()) / 1e9;
        long allocated = after.jvm().allocatedBytes() < 0 || before.jvm().allocatedBytes() < 0 ? -1
                : after.jvm().allocatedBytes() - before.jvm().allocatedBytes();
        return new RunResult(spec.workload().letter(), spec.workload().description(), spec.topology().label(),
                spec.nodes(), spec.shards(), spec.load(), round(seconds, 2), sagas, after.errors() - before.errors(),
                round(rate, 0), perSecond.stream().mapToLong(Long::longValue).min().orElse(0), millis(latencies, 50),
                millis(latencies, 99), millis(latencies, 99.9),
                round(latencies.getMaxValue() / 1000.0, 2), round(redis.totalCommands() / per, 2),
                round(requests / per, 2), round(redis.reads() / per, 2), round(entries, 2),
                round(100 * redis.cpuSeconds() / seconds, 1), round(100 * jvmCpuSeconds / seconds, 1),
                round(redis.cpuSeconds() * 1e6 / per, 1), round(jvmCpuSeconds * 1e6 / per, 1),
                allocated < 0 ? -1 : round(allocated / per / 1024, 1),
                round(after.redis().usedMemory() / 1048576.0, 1), 0, commands, perSaga(requestDelta, per),
                perSaga(redis.micros(), per), perSecond);
    }

    /** This result with its share of the given step ceiling, measured on the same Redis. */
    public RunResult withCeiling(Ceiling ceiling) {
        double fraction = round(sagasPerSecond * entriesPerSaga / ceiling.stepsPerSecond(), 3);
        return new RunResult(workload, description, topology, nodes, shards, load, seconds, sagas, errors,
                sagasPerSecond, minSagasPerSecond, p50Ms, p99Ms, p999Ms, maxMs, commandsPerSaga, requestsPerSaga,
                readsPerSaga, entriesPerSaga, redisCpuPercent, jvmCpuPercent, redisCpuMicrosPerSaga,
                jvmCpuMicrosPerSaga, allocatedKbPerSaga, usedMemoryMb, fraction, commandsByType, requestsByType,
                redisMicrosByType, perSecond);
    }

    private static Map<String, Double> perSaga(Map<String, Long> counts, double sagas) {
        Map<String, Double> result = new TreeMap<>();
        counts.forEach((name, count) -> result.put(name, round(count / sagas, 2)));
        return result;
    }

    private static double millis(Histogram latencies, double percentile) {
        return latencies.getTotalCount() == 0 ? 0 : round(latencies.getValueAtPercentile(percentile) / 1000.0, 2);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
