package dev.netx.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 17: a rolling deploy that changes the order saga's chain, under the usual load (its refused
 * orders run compensations). The order processes start on the old build (chain version 1 only);
 * each is replaced in turn (stopped gracefully, started under a new node name) by the new build
 * (versions 1 and 2, new orders on version 2), then, the same way, by the rollback build (both
 * versions, new orders on version 1 again). Payment and inventory stay up: they serve both chains.
 * Meanwhile sagas of both versions run side by side, and a node without a saga's chain must leave
 * its messages to one that has it. Own checks: every orchestrated order ran and was undone by its
 * own version's steps ({@link SagaVersions}), and no message was dead-lettered.
 */
final class RollingDeployScenario implements Scenario {

    private static final Pattern LEFT =
            Pattern.compile("saga (\\S+): message \\S+ on \\S+ left for a node of another version");

    private final BuildHistory builds = new BuildHistory();
    private final Map<Path, Long> logSizes = new HashMap<>();
    private final List<String> steps = java.util.Collections.synchronizedList(new ArrayList<>());
    private long deadLettersBefore;

    @Override
    public String name() {
        return "rolling-deploy";
    }

    @Override
    public String kind() {
        return "order process replaced by a build of another order-saga chain";
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        builds.clear();
        steps.clear();
        List<AppProcess> order = new ArrayList<>(fleet.of("order"));
        java.util.Collections.shuffle(order, random);
        List<PlannedFault> faults = new ArrayList<>();
        for (SagaBuild build : List.of(SagaBuild.NEW, SagaBuild.ROLLBACK)) {
            for (AppProcess target : order) {
                Duration pause = Duration.ofSeconds(scale.pick(4, 8) + random.nextInt((int) scale.pick(3, 6)));
                // one at a time: each step starts once the one before has its process up again
                faults.add(new PlannedFault(Duration.ofMillis(faults.size()), "after " + pause.toSeconds()
                        + " s, replace " + target.slot() + " by the " + build + " build", context -> {
                            Waits.pause(pause);
                            long from = context.now();
                            builds.stopped(target.slot(), from);
                            target.stop();
                            context.fault("stopped " + target.slot() + " (" + target.nodeName() + ") for the "
                                    + build + " build");
                            target.arguments(build.arguments());
                            target.startRenamed();
                            builds.started(target.slot(), build, context.now());
                            context.healed(target.slot(), from);
                            context.note("started " + target.slot() + " as " + target.nodeName() + ", " + build);
                            steps.add(String.format(Locale.ROOT, "%s %s at t=%.0fs (%.0f s down)", target.slot(),
                                    build.name().toLowerCase(Locale.ROOT), from / 1000.0,
                                    (context.now() - from) / 1000.0));
                        }));
            }
        }
        return new Plan(Duration.ofSeconds(20), faults);
    }

    /** Puts every order process on the old build before the load starts. */
    @Override
    public void prepare(FaultContext context) {
        deadLettersBefore = context.redis().state().deadLetters();
        for (AppProcess process : context.fleet().processes()) {
            logSizes.put(process.log(), ProcessLogs.size(process.log()));
        }
        Fleet.inParallel(context.fleet().of("order"), process -> {
            process.stop();
            process.arguments(SagaBuild.OLD.arguments());
            process.startRenamed();
            builds.started(process.slot(), SagaBuild.OLD, context.now());
            context.note("started " + process.slot() + " as " + process.nodeName() + ", " + SagaBuild.OLD);
        });
    }

    /** Back to the shop's default build (both versions, new orders on version 2), under the same names. */
    @Override
    public void restore(FaultContext context) {
        Fleet.inParallel(context.fleet().of("order"), process -> {
            process.stop();
            process.arguments(List.of());
            process.start();
        });
    }

    @Override
    public ScenarioCheck check(FaultContext context, List<Call> calls, Ledger before, Ledger after) {
        Map<String, Integer> versions = new HashMap<>();
        context.fleet().database("order").query("SELECT order_id, saga_version FROM orders"
                + " WHERE saga_version IS NOT NULL", row -> versions.put(row.getString(1), row.getInt(2)));
        Map<String, String> styles = new HashMap<>();
        Map<String, Integer> launched = new HashMap<>();
        List<Long> rolls = builds.rolls();
        Set<String> acrossRoll = new HashSet<>();
        for (Call call : calls) {
            if (!call.accepted()) {
                continue;
            }
            styles.put(call.orderId(), call.style());
            if (!call.style().equals("orchestration")) {
                continue;
            }
            builds.throughout(call.target(), call.startMs(), call.endMs())
                    .ifPresent(build -> launched.put(call.orderId(), build.startVersion()));
            // a 202 left its saga running past the answer
            long end = call.status() == 202 ? Long.MAX_VALUE : call.endMs();
            if (rolls.stream().anyMatch(roll -> call.startMs() < roll && roll < end)) {
                acrossRoll.add(call.orderId());
            }
        }
        SagaVersions result = SagaVersions.check(before, after, versions, styles, launched);
        Set<String> left = new HashSet<>();
        for (AppProcess process : context.fleet().of("order")) {
            Matcher line = LEFT.matcher(ProcessLogs.since(process.log(), logSizes.getOrDefault(process.log(), 0L)));
            while (line.find()) {
                left.add(line.group(1));
            }
        }
        long deadLetters = context.redis().state().deadLetters() - deadLettersBefore;
        List<String> violations = new ArrayList<>(result.problems());
        if (deadLetters != 0) {
            violations.add(deadLetters + " dead letters during the rolling deploy");
        }
        if (result.v1() == 0 || result.v2() == 0) {
            violations.add("the deploy ran " + result.v1() + " version-1 and " + result.v2()
                    + " version-2 sagas: both must run");
        }
        String figure = String.format(Locale.ROOT, "%d sagas of version 1 (%d refunded by it), %d of version 2"
                + " (%d refunded by it), %d choreographed; %s; %d orchestrated sagas in flight across a roll step,"
                + " %d sagas whose message a node of the other chain left; %d dead letters; steps: %s",
                result.v1(), result.cancelledV1(), result.v2(), result.cancelledV2(), result.choreographed(),
                result.problems().isEmpty() ? "every orchestrated order ran its own version's steps (" + result.judged()
                        + " also matched the build that took their call)" : result.problems().size()
                        + " orders ran another chain's steps", acrossRoll.size(), left.size(), deadLetters,
                String.join(", ", steps));
        Map<String, Object> numbers = new HashMap<>();
        numbers.put("versions", result);
        numbers.put("inFlightAcrossARoll", acrossRoll.size());
        numbers.put("leftForAnotherVersion", left.size());
        numbers.put("deadLetters", deadLetters);
        numbers.put("steps", List.copyOf(steps));
        return new ScenarioCheck(figure, numbers, violations, List.of());
    }
}
