package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Issue 16: a fresh deployment under load, in drawn orders. The shop is new (no Netx key in Redis,
 * the roles' databases empty on PostgreSQL) and nothing runs when the load begins. The order role
 * and one participant start first, in a drawn order; the other participant (drawn) starts for the
 * first time only a while after the first call was sent to it, so orchestrated sagas wait on a group
 * whose consumer groups do not exist. One role (drawn) starts its two processes at the same instant
 * on its empty database. Until every role has started once the load is orchestrated only: a group
 * that starts for the first time does not replay earlier sagas' events, by design. Then rounds of
 * whole roles stopped in a drawn order, down for a while, and started again in a drawn order.
 */
final class DeployOrderScenario implements Scenario {

    private static final List<String> PARTICIPANTS = List.of("payment", "inventory");
    private static final Duration FIRST_CALL_BOUND = Duration.ofSeconds(180);
    /** How soon after the late group's first process is up the orders pending at its start must have ended. */
    private static final Duration ENDED_BOUND = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);
    /** A thread per task: starts and the watch block for as long as processes take to come up. */
    private static final Executor THREADS = task -> new Thread(task, "deploy-order").start();

    private final List<String> rounds = Collections.synchronizedList(new ArrayList<>());
    private volatile String deployment;
    private volatile LateStart late;

    @Override
    public String name() {
        return "deploy-order";
    }

    @Override
    public String kind() {
        return "first start, or stop and restart, of a whole role in a drawn order";
    }

    @Override
    public boolean deploysShop() {
        return true;
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        rounds.clear();
        late = null;
        String lateGroup = Schedules.pick(random, PARTICIPANTS);
        List<String> first = shuffled(List.of("order", PARTICIPANTS.get(1 - PARTICIPANTS.indexOf(lateGroup))), random);
        String twins = Schedules.pick(random, Fleet.ROLES);
        Duration lateBy = Duration.ofSeconds(scale.pick(10, 30) + random.nextInt((int) scale.pick(6, 31)));
        String atOnce = " (both processes at once)";
        deployment = String.join(", ", first.stream().map(role -> role + (role.equals(twins) ? atOnce : "")).toList())
                + ", then " + lateGroup + (lateGroup.equals(twins) ? atOnce : "");
        List<PlannedFault> faults = new ArrayList<>();
        for (String role : first) {
            List<AppProcess> processes = shuffled(fleet.of(role), random);
            faults.add(new PlannedFault(Duration.ofMillis(faults.size()), "first start of " + role, context -> {
                context.fault("first start of " + role);
                startAll(processes, role.equals(twins), process -> {
                    process.start();
                    context.note("started " + process.slot() + " for the first time");
                });
            }));
        }
        List<AppProcess> lateProcesses = shuffled(fleet.of(lateGroup), random);
        faults.add(new PlannedFault(Duration.ofMillis(faults.size()), "first start of " + lateGroup + " "
                + lateBy.toSeconds() + " s after the first call sent to it",
                context -> startLate(context, lateGroup, lateProcesses, lateGroup.equals(twins), lateBy)));
        for (int round = 0; round < scale.pick(1, 2); round++) {
            List<String> stops = shuffled(Fleet.ROLES, random).subList(0, 1 + random.nextInt(2));
            List<String> starts = shuffled(stops, random);
            Map<String, List<AppProcess>> stopOrder = new HashMap<>();
            Map<String, List<AppProcess>> startOrder = new HashMap<>();
            Set<String> together = new HashSet<>();
            for (String role : stops) {
                stopOrder.put(role, shuffled(fleet.of(role), random));
                startOrder.put(role, shuffled(fleet.of(role), random));
                // with two roles down each comes back whole at once, so orders complete soon after the first heal
                if (random.nextBoolean() || stops.size() > 1) {
                    together.add(role);
                }
            }
            Set<String> renamed = fleet.processes().stream().filter(p -> random.nextBoolean()).map(AppProcess::slot)
                    .collect(Collectors.toSet());
            Duration gap = Duration.ofSeconds(5 + random.nextInt(6));
            Duration down = Duration.ofSeconds(scale.pick(5, 8) + random.nextInt((int) scale.pick(4, 8)));
            faults.add(new PlannedFault(Duration.ofMillis(faults.size()), "stop " + String.join(", ", stops) + ", "
                    + down.toSeconds() + " s later start " + String.join(", ", starts), context -> {
                        Waits.pause(gap);
                        long from = context.now();
                        Map<String, Long> stoppedAt = stop(context, stops, stopOrder);
                        Waits.pause(down);
                        for (String role : starts) {
                            startAll(startOrder.get(role), together.contains(role), process -> {
                                if (renamed.contains(process.slot())) {
                                    process.startRenamed();
                                } else {
                                    process.start();
                                }
                                context.healed(process.slot(), stoppedAt.get(process.slot()));
                                context.note("started " + process.slot() + " as " + process.nodeName());
                            });
                        }
                        rounds.add(String.join(" then ", stops) + " down, back " + String.join(" then ", starts)
                                + " (" + (context.now() - from) / 1000 + " s)");
                    }));
        }
        return new Plan(Duration.ofSeconds(20), faults);
    }

    @Override
    public void prepare(FaultContext context) {
        context.load().orchestrationOnly(true);
    }

    /** Stops the roles' processes gracefully, in the order given; returns when each stopped, by slot. */
    private static Map<String, Long> stop(FaultContext context, List<String> roles,
            Map<String, List<AppProcess>> processes) {
        Map<String, Long> stoppedAt = new HashMap<>();
        for (String role : roles) {
            context.fault("stop of " + role);
            for (AppProcess process : processes.get(role)) {
                stoppedAt.put(process.slot(), context.now());
                process.stop();
                context.note("stopped " + process.slot() + " (" + process.nodeName() + ")");
            }
        }
        return stoppedAt;
    }

    /**
     * Waits until {@code lateBy} after the first call was sent to the group, asking the order
     * processes' health meanwhile (for 10 s at least), then starts the group for the first time and watches the orders
     * pending then end; from its first process up, the load mixes choreographed orders in.
     */
    private void startLate(FaultContext context, String group, List<AppProcess> processes, boolean together,
            Duration lateBy) {
        RedisProbe redis = context.redis();
        if (Waits.until(FIRST_CALL_BOUND, POLL, () -> redis.oldestInboxEntryAgeMillis(group) >= 0).isEmpty()) {
            throw new IllegalStateException("no call was sent to " + group + " within " + FIRST_CALL_BOUND);
        }
        long firstCall = context.now() - redis.oldestInboxEntryAgeMillis(group);
        context.note("the first call to " + group + " was sent at t=" + firstCall / 1000.0 + "s");
        String waitingOn = "waiting on group " + group + ", which has no live node";
        boolean named = false;
        long asked = context.now();
        // the shop samples the called groups every trim interval (5 s): ask for two, even when lateBy is past
        while (context.now() - firstCall < lateBy.toMillis() || !named && context.now() - asked < 10_000) {
            named |= context.fleet().of("order").stream()
                    .anyMatch(order -> order.health().filter(body -> body.contains(waitingOn)).isPresent());
            Waits.pause(Duration.ofSeconds(1));
        }
        long calls = redis.inboxEntries(group);
        long groups = redis.consumerGroupsNamed(group);
        Set<String> pending = Set.copyOf(context.fleet().database("order").query(
                "SELECT order_id FROM orders WHERE status = 'PENDING'", row -> row.getString(1)));
        long from = context.now();
        context.fault("first start of " + group + ", " + calls + " calls in its inboxes");
        AtomicLong up = new AtomicLong(-1);
        // until they ended, or ENDED_BOUND after its first process was up (a process may take 150 s to start)
        CompletableFuture<Long> ended = CompletableFuture.supplyAsync(() -> {
            Waits.until(Duration.ofSeconds(210), POLL, () -> stillPending(context, pending) == 0
                    || up.get() >= 0 && context.now() - up.get() > ENDED_BOUND.toMillis());
            return stillPending(context, pending) == 0 ? context.now() : -1L;
        }, THREADS);
        startAll(processes, together, process -> {
            process.start();
            context.healed(process.slot(), from);
            if (up.compareAndSet(-1, context.now())) {
                context.load().orchestrationOnly(false);
                context.note("every role has started: orchestrated and choreographed orders from now on");
            }
        });
        long endedAt = ended.join();
        late = new LateStart(group, from - firstCall, calls, groups, named, pending.size(), up.get() - from,
                endedAt < 0 ? -1 : endedAt - from);
    }

    /** How many of the orders are still PENDING. Blocks. */
    private static long stillPending(FaultContext context, Set<String> orders) {
        return context.fleet().database("order").query("SELECT order_id FROM orders WHERE status = 'PENDING'",
                row -> row.getString(1)).stream().filter(orders::contains).count();
    }

    @Override
    public ScenarioCheck check(FaultContext context, List<Call> calls, Ledger before, Ledger after) {
        LateStart start = late;
        if (start == null) {
            return new ScenarioCheck("", Map.of(), List.of("the late group's first start did not run"), List.of());
        }
        Map<String, Object> numbers = new HashMap<>();
        numbers.put("deployment", deployment);
        numbers.put("late", start);
        numbers.put("rounds", List.copyOf(rounds));
        return new ScenarioCheck("started " + deployment + " " + start.figure() + "; rounds: "
                + String.join("; ", rounds), numbers, start.violations(ENDED_BOUND), List.of());
    }

    private static <T> List<T> shuffled(List<T> items, Random random) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }

    /** Starts the processes at the same instant, each on a thread of its own, or one after the other. Blocks. */
    private static void startAll(List<AppProcess> processes, boolean together, Consumer<AppProcess> start) {
        if (together) {
            CompletableFuture.allOf(processes.stream().map(p -> CompletableFuture.runAsync(() -> start.accept(p), THREADS))
                    .toArray(CompletableFuture[]::new)).join();
        } else {
            processes.forEach(start);
        }
    }
}
