package dev.netx.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's settings, from {@code --name=value} arguments.
 *
 * @param scenarios     scenario names, or {@code all}, or {@code smoke}; default {@code all}
 * @param seed          the seed of every schedule and of the load; default 42
 * @param scale         SMOKE or FULL; default FULL
 * @param out           where the JSON reports and the process logs go; default {@code netx-faults/target/faults}
 * @param shopJar       the shop's executable jar; default {@code netx-samples/target/netx-samples.jar}
 * @param clients       closed-loop callers; default 4
 * @param deadline      each caller's HTTP timeout; default 10 s
 * @param perRole       processes per role; default 2
 * @param settleBound   how long after the heal every saga must have ended; default 90 s
 * @param baselineBound how long consumers and streams may take to return to their bounds; default 60 s
 * @param recoveryBound how soon after a heal an order must complete again; default 30 s
 * @param streamBound   the longest a netx stream may stay once settled; default 300 entries
 * @param restarts      rolling restarts in the rolling-restart scenario; default 4 (SMOKE), 8 (FULL)
 * @param seedData      the shop's seed data
 */
record SuiteOptions(List<String> scenarios, long seed, Scale scale, Path out, Path shopJar, int clients,
        Duration deadline, int perRole, Duration settleBound, Duration baselineBound, Duration recoveryBound,
        long streamBound, int restarts, ShopSettings.Seed seedData) {

    /** Parses {@code --scenario=a,b --seed=N --scale=smoke|full --out=DIR --shop-jar=JAR --clients=N --restarts=N}. */
    static SuiteOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value, was " + arg);
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Scale scale = Scale.valueOf(values.getOrDefault("scale", "full").toUpperCase(java.util.Locale.ROOT));
        return new SuiteOptions(
                Arrays.asList(values.getOrDefault("scenario", "all").split(",")),
                Long.parseLong(values.getOrDefault("seed", "42")),
                scale,
                Path.of(values.getOrDefault("out", firstExisting("netx-faults/target", "target") + "/faults")),
                Path.of(values.getOrDefault("shop-jar", System.getProperty("netx.faults.shop-jar",
                        firstExisting("netx-samples/target", "../netx-samples/target") + "/netx-samples.jar"))),
                Integer.parseInt(values.getOrDefault("clients", "4")),
                Duration.ofSeconds(10), 2, Duration.ofSeconds(90), Duration.ofSeconds(60), Duration.ofSeconds(30),
                300, Integer.parseInt(values.getOrDefault("restarts", scale == Scale.SMOKE ? "4" : "8")),
                new ShopSettings.Seed(20, 1_000_000, 10, 1_000_000));
    }

    /** The same options with other scenarios and output directory. */
    SuiteOptions with(List<String> scenarios, Path out) {
        return new SuiteOptions(scenarios, seed, scale, out, shopJar, clients, deadline, perRole, settleBound,
                baselineBound, recoveryBound, streamBound, restarts, seedData);
    }

    private static String firstExisting(String... candidates) {
        return Arrays.stream(candidates).filter(c -> Files.isDirectory(Path.of(c))).findFirst().orElse(candidates[0]);
    }
}
