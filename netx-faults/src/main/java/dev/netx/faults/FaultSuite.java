package dev.netx.faults;

import dev.netx.test.RedisLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault-injection suite: the sample shop's three roles, two processes each in their own JVMs,
 * one H2 database per role (on PostgreSQL for a scenario that deploys the shop itself), a
 * redis-server with {@code appendfsync always} (or, for the scenarios that need it, a
 * Sentinel-managed primary and replica, or a Redis Cluster of three masters with a replica each);
 * then each chosen scenario injects its seeded faults under load and the checker judges the
 * outcome. Prints one figure line per scenario and writes JSON under the output directory.
 *
 * <pre>{@code java -jar netx-faults/target/netx-faults.jar --scenario=all --seed=42}</pre>
 */
public final class FaultSuite {

    private static final Logger log = LoggerFactory.getLogger(FaultSuite.class);
    private static final Duration ORPHAN_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration ORDER_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RETENTION = Duration.ofSeconds(45);

    private FaultSuite() {
    }

    /** Runs the suite; exits 1 if an invariant broke. */
    public static void main(String[] args) {
        SuiteOptions options = SuiteOptions.parse(args);
        List<ScenarioResult> results = run(options, List.of(args));
        System.out.println();
        for (ScenarioResult result : results) {
            System.out.println((result.passed() ? "HELD    " : "BROKEN  ") + result.name() + ": " + result.figure());
            result.verdict().violations().stream().limit(5).forEach(v -> System.out.println("          " + v));
            result.verdict().findings().forEach(f -> System.out.println("          (finding) " + f));
        }
        System.out.println("reports in " + options.out().toAbsolutePath());
        System.exit(results.stream().allMatch(ScenarioResult::passed) ? 0 : 1);
    }

    /**
     * Runs the chosen scenarios one after the other, on one shop per Redis topology (standalone
     * first, then Sentinel, then Cluster, each started only if a chosen scenario needs it); a
     * scenario that deploys the shop itself runs after the others of its topology, alone on a new
     * shop whose databases are on PostgreSQL. Blocks for the whole run.
     */
    static List<ScenarioResult> run(SuiteOptions options, List<String> args) {
        long began = System.nanoTime();
        List<Scenario> scenarios = Scenarios.select(options);
        List<ScenarioResult> results = new ArrayList<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        try (RedisLauncher launcher = new RedisLauncher()) {
            Report report = new Report(options.out(), launcher.binary().version(), args);
            for (ShopRedis.Topology topology : ShopRedis.Topology.values()) {
                List<Scenario> group = scenarios.stream()
                        .filter(s -> s.topology() == topology && !s.deploysShop()).toList();
                if (!group.isEmpty()) {
                    runOn(topology, group, launcher, options, report, results, extra);
                }
                scenarios.stream().filter(s -> s.topology() == topology && s.deploysShop())
                        .forEach(s -> runDeployed(s, launcher, options, report, results));
            }
            report.summarize(results, (System.nanoTime() - began) / 60e9, extra);
        }
        return results;
    }

    private static void runOn(ShopRedis.Topology topology, List<Scenario> scenarios, RedisLauncher launcher,
            SuiteOptions options, Report report, List<ScenarioResult> results, Map<String, Object> extra) {
        // each topology's shop logs apart: the slots have the same names
        Path logs = topology == ShopRedis.Topology.STANDALONE ? options.out().resolve("logs")
                : options.out().resolve("logs").resolve(topology.name().toLowerCase(Locale.ROOT));
        ShopSettings settings = settings(options, logs);
        try (ShopRedis redis = ShopRedis.start(topology, launcher);
                RedisProbe probe = new RedisProbe(redis::masterUris);
                Fleet fleet = Fleet.start(settings, redis, options.perRole())) {
            log.info("shop up on {} Redis: {}", topology, fleet.processes());
            ScenarioRunner runner = new ScenarioRunner(fleet, probe, options);
            for (Scenario scenario : scenarios) {
                ScenarioResult result = runner.run(scenario);
                results.add(result);
                report.write(result);
            }
            if (options.scale() == Scale.FULL) {
                long expired = Waits.until(RETENTION.plusSeconds(60), () -> probe.state().sagaKeys() == 0)
                        .map(Duration::toSeconds).orElse(-1L);
                log.info("saga keys back to none {} s after the last scenario on {} Redis", expired, topology);
                String name = topology.name().charAt(0) + topology.name().substring(1).toLowerCase(Locale.ROOT);
                extra.put(topology == ShopRedis.Topology.STANDALONE ? "sagaKeysGoneAfterSeconds"
                        : "sagaKeysGoneAfterSecondsOn" + name, expired);
            }
        }
    }

    /** One scenario on a new shop that it deploys itself, its roles' databases on a new PostgreSQL server. */
    private static void runDeployed(Scenario scenario, RedisLauncher launcher, SuiteOptions options, Report report,
            List<ScenarioResult> results) {
        ShopSettings settings = settings(options, options.out().resolve("logs").resolve(scenario.name()));
        try (ShopRedis redis = ShopRedis.start(scenario.topology(), launcher);
                RedisProbe probe = new RedisProbe(redis::masterUris);
                PostgresServer postgres = PostgresServer.start();
                Fleet fleet = Fleet.deploy(settings, redis, options.perRole(), role -> RoleDatabase.on(postgres, role))) {
            log.info("new shop on {} Redis and PostgreSQL (port {}), nothing started: {}", scenario.topology(),
                    postgres.port(), fleet.processes());
            ScenarioResult result = new ScenarioRunner(fleet, probe, options).run(scenario);
            results.add(result);
            report.write(result);
        }
    }

    private static ShopSettings settings(SuiteOptions options, Path logs) {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ShopSettings(options.shopJar(), logs, ORPHAN_TIMEOUT, ORDER_TIMEOUT, RETENTION,
                options.seedData());
    }
}
