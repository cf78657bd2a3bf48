package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The scenarios by name: {@code all} runs every one, {@code smoke} the CI subset. */
final class Scenarios {

    private Scenarios() {
    }

    /** Every scenario, in the order {@code all} runs them. */
    static List<Scenario> all(SuiteOptions options) {
        return List.of(new KillAppScenario(), new CrashAfterCommitScenario(), new RedisKillScenario(true),
                new RedisKillScenario(false),
                new FreezeAppScenario(Duration.ofSeconds(10)), new FreezeRedisScenario(),
                new ClientPauseScenario(Duration.ofSeconds(8)), new ScriptFlushScenario(), new MaxMemoryScenario(),
                new OutageRelayScenario(true), new OutageRelayScenario(true, true),
                new FloodScenario(true), new FloodScenario(false),
                new RollingRestartScenario(options.restarts()), new RollingDeployScenario(),
                new ClientRetriesScenario(), new PoisonScenario(),
                new PendingBacklogScenario(options.seedData()), new OutageRelayScenario(false), new DeployOrderScenario(),
                new SentinelFailoverScenario(false),
                new SentinelFailoverScenario(true),
                new ClusterFailoverScenario());
    }

    /** The scenarios the names select; {@code smoke} is kill-app and redis-kill-aof-always. */
    static List<Scenario> select(SuiteOptions options) {
        List<Scenario> all = all(options);
        List<Scenario> selected = new ArrayList<>();
        for (String name : options.scenarios()) {
            switch (name) {
                case "all" -> selected.addAll(all);
                case "smoke" -> selected.addAll(all.stream()
                        .filter(s -> s.name().equals("kill-app") || s.name().equals("redis-kill-aof-always")).toList());
                default -> selected.add(all.stream().filter(s -> s.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no scenario " + name + "; there are all, smoke, "
                                + all.stream().map(Scenario::name).toList())));
            }
        }
        return selected;
    }
}
