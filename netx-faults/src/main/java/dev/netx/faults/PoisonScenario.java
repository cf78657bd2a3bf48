package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fault 7: poison. Between two baselines without it, 1% of the orders are poison orders (their
 * reservation handler throws on every delivery) and garbage entries are written straight into one
 * shard's streams, one for every 100 sagas the shop completes. Garbage must be dead-lettered by every
 * group that reads it after exactly the maximum deliveries, and nothing else; poison orders must be
 * cancelled with their debit refunded once; the throughput with poison must stay at least 90% of the
 * baseline measured in the same run, for the whole shop and for the poisoned shard. The baseline is
 * measured before the poison and again once its last garbage is dead-lettered, as far from the
 * poison's window on either side, and the two are pooled, so that a shop still warming up or a
 * machine growing busier favours neither side.
 */
final class PoisonScenario implements Scenario {

    private static final double SHARE = 0.01;
    private static final double KEEPS = 0.9;
    /** The start of the poison window left out of its throughput: the first garbage is not yet retried. */
    private static final Duration SETTLING = Duration.ofSeconds(5);
    /** How long after the poison the second baseline begins: the last garbage is dead-lettered by then. */
    private static final Duration DRAIN = Duration.ofSeconds(25);

    private final List<Garbage.Entry> injected = java.util.Collections.synchronizedList(new ArrayList<>());
    private int shard;
    private long baselineFrom;
    private long baselineTo;
    private long poisonFrom;
    private long poisonTo;
    private long againFrom;
    private long againTo;
    private long startedAtMs;

    @Override
    public String name() {
        return "poison";
    }

    @Override
    public String kind() {
        return "poison payload (garbage entry, or an order whose handler always throws)";
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        shard = random.nextInt(ShopKeys.SHARDS);
        // the baselines lie as far before the measured poison window as after it, so that a
        // throughput drifting steadily (a warming shop, a machine growing busier) cancels out
        long length = scale.pick(25_000, 45_000);
        baselineFrom = scale.pick(20_000, 15_000);
        baselineTo = baselineFrom + length;
        poisonFrom = baselineTo + DRAIN.toMillis() - SETTLING.toMillis();
        poisonTo = poisonFrom + scale.pick(35_000, 60_000);
        againFrom = poisonTo + DRAIN.toMillis();
        againTo = againFrom + length;
        Random garbage = new Random(random.nextLong());
        List<PlannedFault> faults = List.of(
                new PlannedFault(Duration.ofMillis(baselineFrom), "baseline begins", context -> context.note(
                        "baseline without poison until t=" + (baselineFrom + length) / 1000 + "s")),
                new PlannedFault(Duration.ofMillis(poisonFrom), "poison until t=" + poisonTo / 1000 + "s",
                        context -> poison(context, garbage)),
                new PlannedFault(Duration.ofMillis(againFrom), "second baseline begins", context -> context.note(
                        "second baseline without poison until t=" + againTo / 1000 + "s")));
        return new Plan(Duration.ofMillis(againTo), faults);
    }

    @Override
    public void prepare(FaultContext context) {
        startedAtMs = System.currentTimeMillis();
    }

    @Override
    public void restore(FaultContext context) {
        context.load().poisonShare(0);
    }

    private void poison(FaultContext context, Random random) {
        long from = context.now();
        context.load().poisonShare(SHARE);
        context.note("poison on: " + SHARE * 100 + "% of orders, garbage into shard " + shard);
        while (context.now() < poisonTo) {
            long completed = context.load().calls().stream().filter(c -> c.completed() && c.endMs() >= from).count();
            while (injected.size() < (long) (completed * SHARE)) {
                Garbage.Entry entry = Garbage.write(context.redis(), random, shard);
                injected.add(entry);
                context.fault("garbage (" + entry.kind() + ") on " + entry.stream() + " as " + entry.id());
            }
            Waits.pause(Duration.ofMillis(500));
        }
        context.load().poisonShare(0);
        long orders = context.load().calls().stream().filter(c -> c.kind() == OrderMix.Kind.POISON).count();
        context.faults((int) orders, "poison orders (their reservation handler always throws)");
        context.healed("poison", from);
    }

    @Override
    public ScenarioCheck check(FaultContext context, List<Call> calls, Ledger before, Ledger after) {
        List<String> violations = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        Map<String, Object> numbers = new LinkedHashMap<>();
        String throughput = throughput(calls, violations, findings, numbers);
        String deadLetters = deadLetters(context, violations, numbers);
        String orders = poisonOrders(calls, before, after, violations, numbers);
        return new ScenarioCheck(throughput + "; " + deadLetters + "; " + orders, numbers, violations, findings);
    }

    private String throughput(List<Call> calls, List<String> violations, List<String> findings,
            Map<String, Object> numbers) {
        long measureFrom = poisonFrom + SETTLING.toMillis();
        Throughput without = Throughput.of(calls, baselineFrom, baselineTo, -1)
                .and(Throughput.of(calls, againFrom, againTo, -1));
        Throughput with = Throughput.of(calls, measureFrom, poisonTo, -1);
        Throughput shardWithout = Throughput.of(calls, baselineFrom, baselineTo, shard)
                .and(Throughput.of(calls, againFrom, againTo, shard));
        Throughput shardWith = Throughput.of(calls, measureFrom, poisonTo, shard);
        Throughput before = Throughput.of(calls, baselineFrom, baselineTo, -1);
        Throughput after = Throughput.of(calls, againFrom, againTo, -1);
        numbers.put("baselineBeforePerSecond", round(before.perSecond()));
        numbers.put("baselineAfterPerSecond", round(after.perSecond()));
        numbers.put("baselinePerSecond", round(without.perSecond()));
        numbers.put("poisonPerSecond", round(with.perSecond()));
        numbers.put("poisonedShard", shard);
        numbers.put("shardBaselinePerSecond", round(shardWithout.perSecond()));
        numbers.put("shardPoisonPerSecond", round(shardWith.perSecond()));
        if (with.ratioTo(without) < KEEPS) {
            violations.add("throughput with poison " + with + " is below " + (int) (KEEPS * 100) + "% of the "
                    + without + " without");
        }
        // the shard has a few sagas a second: a drop counts only where its share of the sagas fell
        // by more than twice its standard error, not where chance did it
        double shareWithout = (double) shardWithout.sagas() / Math.max(1, without.sagas());
        double shareWith = (double) shardWith.sagas() / Math.max(1, with.sagas());
        double error = Math.sqrt(shareWithout * (1 - shareWithout)
                * (1.0 / Math.max(1, without.sagas()) + 1.0 / Math.max(1, with.sagas())));
        if (shardWith.ratioTo(shardWithout) < KEEPS) {
            String drop = "the poisoned shard's throughput " + shardWith + " is below " + (int) (KEEPS * 100)
                    + "% of its " + shardWithout + " without (" + shardWith.sagas() + " vs " + shardWithout.sagas()
                    + " sagas)";
            if (shareWithout - shareWith > 2 * error) {
                violations.add(drop);
            } else {
                findings.add(drop + ", within chance of its share of the sagas");
            }
        }
        return String.format(Locale.ROOT, "throughput %s with poison vs %s without (%s before, %s after): %.0f%%;"
                + " poisoned shard %d: %s vs %s (%d vs %d sagas): %.0f%%", with, without,
                before, after,
                100 * with.ratioTo(without), shard, shardWith, shardWithout, shardWith.sagas(), shardWithout.sagas(),
                100 * shardWith.ratioTo(shardWithout));
    }

    private String deadLetters(FaultContext context, List<String> violations, Map<String, Object> numbers) {
        List<DeadLetterAudit.Letter> letters = DeadLetterAudit.since(context.redis(), startedAtMs);
        Map<String, List<DeadLetterAudit.Letter>> byEntry = letters.stream()
                .collect(Collectors.groupingBy(l -> l.stream() + " " + l.id()));
        long slowest = 0;
        int missing = 0;
        Map<Long, Integer> deliveries = new HashMap<>();
        List<Garbage.Entry> entries = List.copyOf(injected);
        for (Garbage.Entry entry : entries) {
            List<DeadLetterAudit.Letter> found = byEntry.getOrDefault(entry.stream() + " " + entry.id(), List.of());
            List<String> groups = found.stream().map(DeadLetterAudit.Letter::group).sorted().toList();
            if (!Set.copyOf(groups).equals(entry.readers()) || groups.size() != entry.readers().size()) {
                missing++;
                violations.add("garbage " + entry.kind() + " " + entry.stream() + " " + entry.id()
                        + " was dead-lettered by " + groups + ", expected once by each of " + entry.readers());
            }
            for (DeadLetterAudit.Letter letter : found) {
                deliveries.merge(letter.deliveries(), 1, Integer::sum);
                slowest = Math.max(slowest, letter.atMs() - entry.atMs());
                if (letter.deliveries() < ShopKeys.MAX_DELIVERIES) {
                    violations.add("garbage " + entry.id() + " dead-lettered by " + letter.group() + " after "
                            + letter.deliveries() + " deliveries, before the maximum " + ShopKeys.MAX_DELIVERIES);
                }
            }
        }
        Set<String> ours = entries.stream().map(e -> e.stream() + " " + e.id()).collect(Collectors.toSet());
        letters.stream().filter(l -> !ours.contains(l.stream() + " " + l.id())).limit(10).forEach(l -> violations.add(
                "a message that was no poison was dead-lettered: " + l));
        numbers.put("garbageEntries", entries.size());
        numbers.put("deadLetters", letters.size());
        numbers.put("deliveriesBeforeDeadLetter", deliveries);
        numbers.put("slowestDeadLetterMs", slowest);
        return String.format(Locale.ROOT, "%d garbage entries, %d dead letters (%d missing), deliveries %s, each"
                + " within %.1f s", entries.size(), letters.size(), missing, deliveries.keySet(), slowest / 1000.0);
    }

    private String poisonOrders(List<Call> calls, Ledger before, Ledger after, List<String> violations,
            Map<String, Object> numbers) {
        Map<String, Ledger.Order> orders = after.orders().stream()
                .collect(Collectors.toMap(Ledger.Order::orderId, o -> o));
        Map<String, Set<Effect>> effects = new HashMap<>();
        for (Map.Entry<String, Set<String>> keys : Map.of("payment", after.paymentKeys(), "inventory",
                after.inventoryKeys()).entrySet()) {
            keys.getValue().stream().filter(k -> !before.paymentKeys().contains(k) && !before.inventoryKeys().contains(k))
                    .map(k -> Effect.of(keys.getKey(), k)).flatMap(java.util.Optional::stream)
                    .forEach(r -> effects.computeIfAbsent(r.sagaId(), id -> java.util.EnumSet.noneOf(Effect.class))
                            .add(r.effect()));
        }
        int placed = 0;
        int refunded = 0;
        for (Call call : calls) {
            if (call.kind() != OrderMix.Kind.POISON || !call.accepted()) {
                continue;
            }
            placed++;
            Ledger.Order order = orders.get(call.orderId());
            if (order == null || !"CANCELLED".equals(order.status())) {
                violations.add("poison order " + call.orderId() + " ended "
                        + (order == null ? "missing" : order.status()));
                continue;
            }
            Set<Effect> done = effects.getOrDefault(order.sagaId(), Set.of());
            if (done.equals(Set.of(Effect.DEBIT, Effect.REFUND))) {
                refunded++;
            } else if (!done.isEmpty()) {
                violations.add("poison order " + call.orderId() + " has effects " + done + ", expected a debit"
                        + " and its refund");
            }
        }
        numbers.put("poisonOrders", placed);
        numbers.put("poisonOrdersRefunded", refunded);
        return placed + " poison orders cancelled, " + refunded + " debits refunded once";
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
