package dev.netx.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario: settles the shop, starts the load, runs the seeded schedule of faults on a
 * scheduler, stops the load, heals everything, waits for the shop to settle and has the checker
 * judge what happened.
 */
final class ScenarioRunner {

    private static final Logger log = LoggerFactory.getLogger(ScenarioRunner.class);
    private static final Duration TAIL = Duration.ofSeconds(8);

    private final Fleet fleet;
    private final RedisProbe redis;
    private final SuiteOptions options;
    private final Checker checker;

    ScenarioRunner(Fleet fleet, RedisProbe redis, SuiteOptions options) {
        this.fleet = fleet;
        this.redis = redis;
        this.options = options;
        this.checker = new Checker(fleet, redis, options);
    }

    /** Runs the scenario with the suite's seed. Blocks for its whole run. */
    ScenarioResult run(Scenario scenario) {
        Checker.Start start;
        if (scenario.deploysShop()) {
            start = checker.startFresh();
        } else {
            fleet.heal();
            checker.awaitQuiet();
            start = checker.start();
        }
        String startedAt = Instant.now().toString();
        Timeline timeline = Timeline.startingNow();
        LoadGenerator load = new LoadGenerator(fleet.of("order"), options.seedData(), options.seed(),
                options.clients(), options.deadline(), timeline);
        FaultContext context = new FaultContext(fleet, redis, timeline, load);
        Scenario.Plan plan = scenario.plan(new Random(options.seed() * 1_000_003L + scenario.name().hashCode()),
                options.scale(), fleet);
        log.info("scenario {}: {} faults planned over at least {} s", scenario.name(), plan.faults().size(),
                plan.duration().toSeconds());
        List<String> failures = new ArrayList<>();
        scenario.prepare(context);
        load.start();
        runSchedule(plan, context, failures);
        // the load goes on past the last fault, so that recovery after it shows
        long end = Math.max(plan.duration().toMillis(), timeline.millis() + TAIL.toMillis());
        Waits.pause(Duration.ofMillis(Math.max(0, end - timeline.millis())));
        List<Call> calls = load.stop();
        Report.writeCalls(options.out().resolve(scenario.name() + "-calls.jsonl"), calls);
        double loadSeconds = timeline.millis() / 1000.0;
        try {
            scenario.restore(context);
        } catch (RuntimeException e) {
            failures.add("restoring after the scenario failed: " + e);
        }
        fleet.heal();
        Verdict verdict;
        if (scenario.showsFailure()) {
            // what the checker finds is what the scenario shows; a schedule that failed stays a violation
            verdict = checker.judge(start, calls, context, timeline, List.of(), scenario.measuresLoss())
                    .violationsAsFindings("shown: ").with(failures, List.of());
        } else {
            verdict = checker.judge(start, calls, context, timeline, failures, scenario.measuresLoss());
        }
        ScenarioCheck own;
        try {
            own = scenario.check(context, calls, start.ledger(), Ledger.read(fleet));
        } catch (RuntimeException e) {
            log.warn("scenario {}: its own check failed", scenario.name(), e);
            own = new ScenarioCheck("", java.util.Map.of(), List.of("the scenario's own check failed: " + e),
                    List.of());
        }
        verdict = verdict.with(own.violations(), own.findings());
        ScenarioResult result = new ScenarioResult(scenario.name(), scenario.kind(), options.seed(),
                options.scale(), startedAt, loadSeconds, context.faults(), context.events(), verdict, own.figure(),
                own.numbers());
        log.info("scenario {}: {}{}", scenario.name(), result.figure(),
                verdict.holds() ? "" : " VIOLATIONS: " + verdict.violations());
        return result;
    }

    private static void runSchedule(Scenario.Plan plan, FaultContext context, List<String> failures) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fault-schedule");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<ScheduledFuture<?>> steps = new ArrayList<>();
            for (Scenario.PlannedFault fault : plan.faults()) {
                steps.add(scheduler.schedule(() -> {
                    fault.action().run(context);
                    return null;
                }, fault.at().toMillis(), TimeUnit.MILLISECONDS));
            }
            for (int i = 0; i < steps.size(); i++) {
                try {
                    steps.get(i).get(30, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    failures.add("step '" + plan.faults().get(i).description() + "' failed: " + e.getCause());
                    log.warn("step '{}' failed", plan.faults().get(i).description(), e.getCause());
                } catch (TimeoutException e) {
                    failures.add("step '" + plan.faults().get(i).description() + "' did not finish");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
