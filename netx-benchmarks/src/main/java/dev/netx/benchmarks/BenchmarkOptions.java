package dev.netx.benchmarks;

import dev.netx.NetxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@link Benchmark}: one point, or a suite of them.
 *
 * @param suite       {@code standard} (the matrix), {@code smoke} (a few seconds per workload), or
 *                    {@code null} for the one point the other options describe
 * @param workload    {@code --workload}, default {@code a}
 * @param topology    {@code --topology}, default {@code standalone}
 * @param nodes       {@code --nodes} per group, default 1
 * @param shards      {@code --shards}, default 16 (Netx's default)
 * @param concurrency {@code --concurrency} of a closed loop; default 256 when no rate is given
 * @param rate        {@code --rate} of an open loop in sagas/s; default none
 * @param warmup      {@code --warmup}, default 30 s, what the JIT needs on two busy cores (a suite's points: 3 s;
 *                    its first point 30 s, each workload's first and every open-loop point 10 s)
 * @param duration    {@code --duration}, default 20 s (a suite's points: 10 s)
 * @param sustained   {@code --sustained}: the standard suite's long run of workload (a), default 60 s
 * @param out         {@code --out}, where the results go; default {@code target/netx-benchmarks}
 * @param ceiling     measure the Redis ceiling ({@code --no-ceiling} skips it)
 * @param memory      run the memory probe ({@code --memory}; always in a suite)
 * @param retention   {@code --retention} of the nodes, how long a finished saga's state stays in Redis;
 *                    default Netx's (1 h)
 * @param admission   whether the nodes run Netx's admission control as it comes by default (its memory
 *                    check samples Redis every second); {@code --no-admission} turns it off, to measure its cost
 * @param history     whether the nodes keep history (the console's timelines, running sagas and counts), as
 *                    they do by default; {@code --no-history} turns it off, to measure its cost
 */
public record BenchmarkOptions(String suite, WorkloadKind workload, Topology topology, int nodes, int shards,
        int concurrency, double rate, Duration warmup, Duration duration, Duration sustained, Path out,
        boolean ceiling, boolean memory, Duration retention, boolean admission, boolean history) {

    /** The usage text. */
    public static final String USAGE = """
            java -jar netx-benchmarks/target/netx-benchmarks.jar [options]
              --suite standard|smoke      run the standard matrix (about 10 minutes) or a smoke run
              --workload a|b|c|d          a: 3 local steps; b: last fails, 2 compensations;
                                          c: choreography over 2 groups; d: 2 remote steps, 3 groups
              --topology standalone|cluster   (cluster: 3 masters)
              --nodes N                   nodes per group, each on its own client (default 1)
              --concurrency N             closed loop with N sagas in flight (default 256)
              --rate N                    open loop: N sagas/s, latency from the intended start
              --shards N                  stream shards (default 16)
              --warmup 30s --duration 20s warmup and measurement window (suite: 3s and 10s; the
                                          suite's first point 30s, each workload's first and
                                          every open-loop point 10s)
              --sustained 60s             the standard suite's long run of workload a
              --out DIR                   results.json, results.csv, results.md (default target/netx-benchmarks)
              --no-ceiling                skip the Redis ceiling probe
              --memory                    also run the memory probe (always in a suite)
              --retention 1h              how long finished sagas stay in Redis (default Netx's, 1h): each
                                          leaves 1 key, and at 2^19 keys Redis doubles its tables;
                                          a short one keeps the key count steady in the window
              --no-admission              nodes without admission control (default: Netx's, on)
              --no-history                nodes that keep no history for the console (default: they do)
            Redis: NETX_TEST_REDIS_BINARY, else redis-server on PATH, else the embedded 6.2.
            """;

    private static final Set<String> FLAGS = Set.of("no-ceiling", "memory", "no-admission", "no-history", "help");

    /**
     * Parses {@code --name value}, {@code --name=value} and flags.
     *
     * @throws IllegalArgumentException naming the first bad argument
     */
    public static BenchmarkOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (FLAGS.contains(name)) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.put(name, value);
        }
        Set<String> known = Set.of("suite", "workload", "topology", "nodes", "shards", "concurrency", "rate",
                "warmup", "duration", "sustained", "out", "no-ceiling", "memory", "retention", "no-admission", "no-history",
                "help");
        values.keySet().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("unknown option --" + name);
        });
        String suite = values.get("suite");
        if (suite != null && !Set.of("standard", "smoke").contains(suite)) {
            throw new IllegalArgumentException("--suite must be standard or smoke, was '" + suite + "'");
        }
        double rate = Double.parseDouble(values.getOrDefault("rate", "0"));
        int concurrency = Integer.parseInt(values.getOrDefault("concurrency", rate > 0 ? "0" : "256"));
        return new BenchmarkOptions(suite, WorkloadKind.of(values.getOrDefault("workload", "a")),
                Topology.of(values.getOrDefault("topology", "standalone")),
                Integer.parseInt(values.getOrDefault("nodes", "1")),
                Integer.parseInt(values.getOrDefault("shards", "16")),
                concurrency, rate, duration(values.getOrDefault("warmup", suite == null ? "30s" : "3s")),
                duration(values.getOrDefault("duration", suite == null ? "20s" : "10s")),
                duration(values.getOrDefault("sustained", "60s")),
                Path.of(values.getOrDefault("out", "target/netx-benchmarks")), !values.containsKey("no-ceiling"),
                values.containsKey("memory"),
                duration(values.getOrDefault("retention", NetxOptions.DEFAULT_RETENTION.toSeconds() + "s")),
                !values.containsKey("no-admission"), !values.containsKey("no-history"));
    }

    /** The single point these options describe. */
    public RunSpec spec() {
        return new RunSpec(workload, topology, nodes, shards, concurrency, rate, warmup, duration);
    }

    /** {@code 500ms}, {@code 15s}, {@code 2m}, or a number of seconds. */
    static Duration duration(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
            }
            if (value.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 500ms, 15s or 2m)");
        }
    }
}
