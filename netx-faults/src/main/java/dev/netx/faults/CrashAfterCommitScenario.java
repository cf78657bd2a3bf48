package dev.netx.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fault 2: crashes at the exact moments a kill from outside rarely hits, through the shop's
 * fault-injection hooks. Both payment processes halt right after the database commit of a debit or
 * refund, before Netx acknowledges its message (so the message comes again, to a process that must
 * find the work done); order-1 halts right after a saga ended, its last message acknowledged, before
 * it answers its caller. Each halted process is restarted under its name, with the next halt drawn
 * by the seed. Every debit and refund must still happen exactly once and every saga end.
 */
final class CrashAfterCommitScenario implements Scenario {

    private static final Pattern HALT = Pattern.compile(
            "FAULT-INJECTION: halting (after the commit of (\\S+), before|after saga (\\S+) ended)");
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long after a child's exit its Process may still say it is alive. */
    private static final long EXIT_NOTICE_MILLIS = 1_000;

    private final Map<String, Hook> hooks = new LinkedHashMap<>();
    private final Map<Path, Long> logSizes = new HashMap<>();
    private Random draws;
    private long duration;

    /** The hook of one slot and how often it fires, in its own events (commits or answers). */
    private record Hook(String property, int min, int max) {
    }

    @Override
    public String name() {
        return "crash-after-commit";
    }

    @Override
    public String kind() {
        return "halt between a payment commit and its ack, or between a saga's end and its answer";
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        draws = new Random(random.nextLong());
        duration = scale.pick(60_000, 120_000);
        hooks.clear();
        // a payment process commits some 20 times a second under the load, an order process answers as often
        for (AppProcess process : fleet.of("payment")) {
            hooks.put(process.slot(), new Hook("shop.faults.halt-after-commit-every", 100, 300));
        }
        hooks.put(fleet.of("order").get(0).slot(), new Hook("shop.faults.halt-before-answer-every", 60, 180));
        return new Plan(Duration.ofMillis(duration), List.of(new PlannedFault(Duration.ofSeconds(1),
                "restart every process its hook halted, until t=" + duration / 1000 + "s", this::watch)));
    }

    @Override
    public void prepare(FaultContext context) {
        for (AppProcess process : context.fleet().processes()) {
            logSizes.put(process.log(), ProcessLogs.size(process.log()));
        }
        Fleet.inParallel(targets(context), process -> {
            process.stop();
            arm(process);
            process.start();
        });
    }

    @Override
    public void restore(FaultContext context) {
        Fleet.inParallel(targets(context), process -> {
            process.stop();
            process.arguments(List.of());
            process.start();
        });
    }

    private void watch(FaultContext context) {
        List<AppProcess> targets = targets(context);
        Map<String, Long> lastAlive = new HashMap<>();
        Map<String, CompletableFuture<Void>> restarting = new HashMap<>();
        while (context.now() < duration) {
            restarting.values().removeIf(CompletableFuture::isDone);
            for (AppProcess process : targets) {
                if (restarting.containsKey(process.slot())) {
                    continue; // starting: asking it now would wait for its start
                }
                long checked = context.now();
                if (process.isAlive()) {
                    lastAlive.put(process.slot(), checked);
                    continue;
                }
                context.fault("halted by its hook: " + process.slot() + " (" + process.nodeName() + ")");
                // the JVM learns of a child's exit from its reaper thread, a moment after the sockets
                // closed: a call cut by the halt may end just before the last check that saw it alive
                long from = Math.max(0, lastAlive.getOrDefault(process.slot(), 0L) - EXIT_NOTICE_MILLIS);
                restarting.put(process.slot(), CompletableFuture.runAsync(() -> {
                    arm(process);
                    process.start();
                    context.healed(process.slot(), from);
                }));
            }
            Waits.pause(POLL);
        }
        restarting.values().forEach(CompletableFuture::join);
        // disarmed while the load still runs: a halt after the watch would cut calls nothing records
        Fleet.inParallel(targets, process -> {
            long from = context.now();
            process.stop();
            process.arguments(List.of());
            process.start();
            context.healed(process.slot(), from);
        });
    }

    private synchronized void arm(AppProcess process) {
        Hook hook = hooks.get(process.slot());
        int every = hook.min() + draws.nextInt(hook.max() - hook.min() + 1);
        process.arguments(List.of("--" + hook.property() + "=" + every));
    }

    private List<AppProcess> targets(FaultContext context) {
        return context.fleet().processes().stream().filter(p -> hooks.containsKey(p.slot())).toList();
    }

    @Override
    public ScenarioCheck check(FaultContext context, List<Call> calls, Ledger before, Ledger after) {
        List<String> commits = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (Map.Entry<Path, Long> log : logSizes.entrySet()) {
            Matcher halt = HALT.matcher(ProcessLogs.since(log.getKey(), log.getValue()));
            while (halt.find()) {
                if (halt.group(2) != null) {
                    commits.add(halt.group(2));
                } else {
                    answers.add(halt.group(3));
                }
            }
        }
        Map<String, Ledger.Order> bySaga = after.orders().stream()
                .collect(Collectors.toMap(Ledger.Order::sagaId, o -> o, (a, b) -> a));
        List<String> violations = new ArrayList<>();
        for (String key : commits) {
            if (!after.paymentKeys().contains(key)) {
                violations.add("the payment commit of " + key + " before a halt is not in the database");
            }
            String saga = Effect.of("payment", key).map(Effect.Recorded::sagaId).orElse(null);
            Ledger.Order order = bySaga.get(saga);
            if (order == null || !order.isFinal()) {
                violations.add("saga " + saga + ", halted after the commit of " + key + ", did not end: " + order);
            }
        }
        for (String saga : answers) {
            Ledger.Order order = bySaga.get(saga);
            if (order == null || !order.isFinal()) {
                violations.add("saga " + saga + ", whose order process halted before answering, did not end: " + order);
            }
        }
        long seen = context.events().stream().filter(e -> e.contains("halted by its hook")).count();
        long logged = commits.size() + answers.size();
        List<String> findings = new ArrayList<>();
        if (logged > seen) {
            // halted after the watch ended, while the last restarts ran: the heal started them again
            context.faults((int) (logged - seen), "halted by their hooks after the watch, restarted by the heal");
        } else if (seen > logged) {
            findings.add(seen + " processes died, only " + logged + " halts were logged by the hooks");
        }
        return new ScenarioCheck(String.format(java.util.Locale.ROOT, "%d halts right after a payment commit, %d"
                + " right after a saga's end before its answer; %s", commits.size(), answers.size(),
                violations.isEmpty() ? "every saga they interrupted ended" : violations.size() + " did not end"),
                Map.of("haltsAfterCommit", commits.size(), "haltsBeforeAnswer", answers.size()), violations,
                findings);
    }
}
