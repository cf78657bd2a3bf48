package dev.netx.benchmarks;

import dev.netx.NetxOptions;
import dev.netx.test.RedisLauncher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suites: the standard matrix, and a smoke run of a few seconds per workload. In the
 * standard suite each workload's open-loop rate is half the best closed-loop rate it just reached, so
 * that its latencies are those of a system with headroom; each topology's ceiling is measured after
 * its runs, in a JVM the runs have warmed. Blocking; one suite per instance.
 */
final class Suite {

    private static final Logger log = LoggerFactory.getLogger(Suite.class);

    /** Concurrencies of the closed loops. */
    static final List<Integer> CONCURRENCIES = List.of(64, 256);
    /** Nodes per group. */
    static final List<Integer> NODES = List.of(1, 3);
    /** The shard counts of the scaling curve. */
    static final List<Integer> SHARDS = List.of(1, 4, 16);
    /** The target: p99 under 25 ms at half of 10,000 sagas/s, open loop. */
    static final double TARGET_OPEN_RATE = 5_000;
    /**
     * Retention of the memory probe: it counts from a saga's last event, so it must outlast the wait of
     * the last of 10,000 held sagas.
     */
    static final Duration MEMORY_RETENTION = Duration.ofSeconds(20);
    /**
     * Warmup of the JVM's first point: on two busy cores the JIT needs about 25 s before the rate stops
     * climbing (measured: 1,700 sagas/s in the first seconds, 3,400 from the 20th on).
     */
    static final Duration FIRST_WARMUP = Duration.ofSeconds(30);
    /** Warmup of each other workload's first point, whose own code paths are not compiled yet. */
    static final Duration WORKLOAD_WARMUP = Duration.ofSeconds(10);
    /** An open-loop point's warm-up: the heap and the JIT settle after the closed loop at full load before it. */
    private static final Duration OPEN_WARMUP = Duration.ofSeconds(10);
    /** In-flight messages the ceiling probe tries; the best counts. */
    static final List<Integer> CEILING_IN_FLIGHT = List.of(256, 1024);

    private final RedisLauncher launcher;
    private final Runner runner;
    private final List<Ceiling> ceilings = new ArrayList<>();
    private final List<RunResult> runs = new ArrayList<>();
    private final List<RunResult> pending = new ArrayList<>();

    Suite(RedisLauncher launcher, Runner runner) {
        this.launcher = launcher;
        this.runner = runner;
    }

    /** The standard matrix: memory, workloads a-d on 1 and 3 nodes, shard and cluster scaling, ceilings. */
    Report standard(BenchmarkOptions options, String command) throws InterruptedException, TimeoutException {
        Duration warmup = options.warmup();
        Duration duration = options.duration();
        Environment environment;
        MemoryFigures memory;
        try (RedisTarget redis = RedisTarget.start(launcher, Topology.STANDALONE)) {
            environment = Environment.detect(redis.version());
            memory = MemoryProbe.measure(redis, 10_000, MEMORY_RETENTION, Duration.ofSeconds(1));
            RunResult sustained = run(RunSpec.closed(WorkloadKind.ORCHESTRATOR, Topology.STANDALONE, 1,
                    NetxOptions.DEFAULT_SHARDS, 256, FIRST_WARMUP, options.sustained()), redis);
            for (WorkloadKind workload : WorkloadKind.values()) {
                // A workload's own code paths (compensations, listeners, participants) compile in its first point.
                Duration first = workload == WorkloadKind.ORCHESTRATOR ? warmup : max(warmup, WORKLOAD_WARMUP);
                for (int nodes : NODES) {
                    double best = 0;
                    for (int concurrency : CONCURRENCIES) {
                        RunResult result = workload == WorkloadKind.ORCHESTRATOR && nodes == 1 && concurrency == 256
                                ? sustained
                                : run(RunSpec.closed(workload, Topology.STANDALONE, nodes, NetxOptions.DEFAULT_SHARDS,
                                        concurrency, first, duration), redis);
                        first = warmup;
                        best = Math.max(best, result.sagasPerSecond());
                    }
                    double half = Math.max(10, Math.round(best / 2 / 10) * 10.0);
                    Duration openWarmup = max(warmup, OPEN_WARMUP);
                    run(RunSpec.open(workload, Topology.STANDALONE, nodes, NetxOptions.DEFAULT_SHARDS, half,
                            openWarmup, duration), redis);
                    // The target rate only where it is below capacity: beyond it, latency grows without bound.
                    if (workload == WorkloadKind.ORCHESTRATOR && nodes == 1 && best >= TARGET_OPEN_RATE
                            && Math.abs(half - TARGET_OPEN_RATE) > TARGET_OPEN_RATE / 10) {
                        run(RunSpec.open(workload, Topology.STANDALONE, nodes, NetxOptions.DEFAULT_SHARDS,
                                TARGET_OPEN_RATE, openWarmup, duration), redis);
                    }
                }
            }
            for (int shards : SHARDS.subList(0, SHARDS.size() - 1)) {
                run(RunSpec.closed(WorkloadKind.ORCHESTRATOR, Topology.STANDALONE, 1, shards, 256, warmup, duration),
                        redis);
            }
            ceiling(redis, CEILING_IN_FLIGHT, Duration.ofSeconds(3), Duration.ofSeconds(3));
        }
        try (RedisTarget cluster = RedisTarget.start(launcher, Topology.CLUSTER)) {
            for (int shards : SHARDS) {
                run(RunSpec.closed(WorkloadKind.ORCHESTRATOR, Topology.CLUSTER, 3, shards, 256, warmup, duration),
                        cluster);
            }
            ceiling(cluster, CEILING_IN_FLIGHT, Duration.ofSeconds(3), Duration.ofSeconds(3));
        }
        return new Report(environment, command, Report.METHOD, ceilings, memory, runs);
    }

    /** One short closed-loop point per workload, a short ceiling and a small memory probe. */
    Report smoke(BenchmarkOptions options, String command) throws InterruptedException, TimeoutException {
        try (RedisTarget redis = RedisTarget.start(launcher, options.topology())) {
            Environment environment = Environment.detect(redis.version());
            MemoryFigures memory = MemoryProbe.measure(redis, 300, Duration.ofMillis(1_500), Duration.ofMillis(250));
            for (WorkloadKind workload : WorkloadKind.values()) {
                run(RunSpec.closed(workload, redis.topology(), 1, 4, 32, Duration.ofMillis(500), Duration.ofSeconds(1)),
                        redis);
            }
            ceiling(redis, List.of(256), Duration.ofMillis(500), Duration.ofMillis(500));
            return new Report(environment, command, Report.METHOD, ceilings, memory, runs);
        }
    }

    private RunResult run(RunSpec spec, RedisTarget redis) throws InterruptedException {
        RunResult result = runner.run(spec, redis);
        pending.add(result);
        return result;
    }

    /** Measures the ceiling of the Redis the pending runs used, and files them with their share of it. */
    private void ceiling(RedisTarget redis, List<Integer> inFlights, Duration warmup, Duration duration)
            throws InterruptedException {
        redis.stats().flushAll();
        Ceiling ceiling = CeilingProbe.measure(redis, NetxOptions.DEFAULT_SHARDS, inFlights, warmup, duration);
        log.info("ceiling {}: {} steps/s with {} in flight", ceiling.topology(), Math.round(ceiling.stepsPerSecond()),
                ceiling.inFlight());
        redis.stats().flushAll();
        ceilings.add(ceiling);
        pending.forEach(result -> runs.add(result.withCeiling(ceiling)));
        pending.clear();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
