package dev.netx.benchmarks;

import dev.netx.test.RedisLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * The benchmark's entry point: runs one point or a suite against a Redis it starts itself, prints
 * the tables and writes {@code results.json}, {@code results.csv} and {@code results.md}.
 *
 * <pre>{@code
 * java -jar netx-benchmarks/target/netx-benchmarks.jar --suite standard
 * java -jar netx-benchmarks/target/netx-benchmarks.jar --workload a --rate 5000 --duration 30s
 * }</pre>
 */
public final class Benchmark {

    private Benchmark() {
    }

    /** Runs from the command line; exits with 2 on bad arguments, 1 on failure. */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            String command = "java -jar netx-benchmarks/target/netx-benchmarks.jar " + String.join(" ", args);
            Report report = run(options, command.strip());
            Path json = ReportWriter.write(report, options.out());
            System.out.println(TablePrinter.format(report));
            System.out.println("results: " + json.toAbsolutePath() + " (and results.csv, results.md)");
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        // Lettuce and Netx threads are gone by now; exit anyway so that a stray one cannot hold the JVM.
        System.exit(0);
    }

    /** Runs what the options describe and returns the report; writes nothing. Blocks. */
    public static Report run(BenchmarkOptions options, String command) throws InterruptedException, TimeoutException {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        try (RedisLauncher launcher = new RedisLauncher()) {
            Runner runner = new Runner(scheduler, options.retention(), options.admission(), options.history());
            if ("standard".equals(options.suite())) {
                return new Suite(launcher, runner).standard(options, command);
            }
            if ("smoke".equals(options.suite())) {
                return new Suite(launcher, runner).smoke(options, command);
            }
            return single(options, command, launcher, runner);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static Report single(BenchmarkOptions options, String command, RedisLauncher launcher, Runner runner)
            throws InterruptedException, TimeoutException {
        RunSpec spec = options.spec();
        try (RedisTarget redis = RedisTarget.start(launcher, spec.topology())) {
            Environment environment = Environment.detect(redis.version());
            MemoryFigures memory = options.memory()
                    ? MemoryProbe.measure(redis, 10_000, Suite.MEMORY_RETENTION, Duration.ofSeconds(1)) : null;
            RunResult result = runner.run(spec, redis);
            if (!options.ceiling()) {
                return new Report(environment, command, Report.METHOD, List.of(), memory, List.of(result));
            }
            // After the run: the run has warmed the client code the probe uses.
            redis.stats().flushAll();
            Ceiling ceiling = CeilingProbe.measure(redis, spec.shards(), Suite.CEILING_IN_FLIGHT, Duration.ofSeconds(3),
                    Duration.ofSeconds(3));
            return new Report(environment, command, Report.METHOD, List.of(ceiling), memory,
                    List.of(result.withCeiling(ceiling)));
        }
    }
}
