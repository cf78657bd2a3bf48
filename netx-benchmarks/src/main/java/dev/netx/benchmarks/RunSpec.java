package dev.netx.benchmarks;

import java.time.Duration;
import java.util.Objects;

/**
 * One measurement point: a workload on a topology with a number of nodes, under a closed loop of
 * fixed concurrency or an open loop of fixed arrival rate.
 *
 * @param workload    what each saga does
 * @param topology    the Redis it runs against
 * @param nodes       nodes per service group, each on its own client
 * @param shards      stream shards ({@code netx.shards})
 * @param concurrency sagas in flight for a closed loop; 0 for an open loop
 * @param rate        sagas per second for an open loop; 0 for a closed loop
 * @param warmup      how long it runs before measuring
 * @param duration    how long it is measured
 */
public record RunSpec(WorkloadKind workload, Topology topology, int nodes, int shards, int concurrency, double rate,
        Duration warmup, Duration duration) {

    /** Validates: exactly one of concurrency and rate. */
    public RunSpec {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        if ((concurrency > 0) == (rate > 0)) {
            throw new IllegalArgumentException("give either --concurrency or --rate");
        }
        if (nodes < 1 || shards < 1) {
            throw new IllegalArgumentException("--nodes and --shards must be at least 1");
        }
        if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("--duration must be positive and --warmup not negative");
        }
    }

    /** A closed-loop point. */
    public static RunSpec closed(WorkloadKind workload, Topology topology, int nodes, int shards, int concurrency,
            Duration warmup, Duration duration) {
        return new RunSpec(workload, topology, nodes, shards, concurrency, 0, warmup, duration);
    }

    /** An open-loop point. */
    public static RunSpec open(WorkloadKind workload, Topology topology, int nodes, int shards, double rate,
            Duration warmup, Duration duration) {
        return new RunSpec(workload, topology, nodes, shards, 0, rate, warmup, duration);
    }

    /** Whether the arrival rate is fixed. */
    public boolean isOpenLoop() {
        return rate > 0;
    }

    /** How it loads the system: {@code closed 256} or {@code open 5000/s}. */
    public String load() {
        return isOpenLoop() ? "open " + Math.round(rate) + "/s" : "closed " + concurrency;
    }
}
