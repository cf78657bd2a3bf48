package dev.netx.faults;

import io.lettuce.core.Consumer;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.models.stream.PendingMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault 10: a pending list of 100,000 entries (10,000 at smoke scale). With both payment processes
 * frozen, a Netx node in the suite starts that many order sagas on one shard and a throwaway
 * consumer of the payment group reads every one of them with XREADGROUP and dies; then the payment
 * processes continue. Their claimers must reach the end of the list, every saga must complete, and
 * no claim batch may wait long for the one before it.
 */
final class PendingBacklogScenario implements Scenario {

    private static final Logger log = LoggerFactory.getLogger(PendingBacklogScenario.class);
    private static final String DOOMED = "doomed";
    private static final Duration POLL = Duration.ofMillis(100);
    /** The longest wait for the next claim batch: three orphan timeouts of the shop. */
    private static final Duration BATCH_BOUND = Duration.ofSeconds(9);

    private final ShopSettings.Seed seed;
    private final Backlog backlog = new Backlog();
    private int size;
    private int shard;

    /** A backlog of orders drawn from the shop's seed data. */
    PendingBacklogScenario(ShopSettings.Seed seed) {
        this.seed = seed;
    }

    @Override
    public String name() {
        return "pending-100k";
    }

    @Override
    public String kind() {
        return "pending list of " + (size == 0 ? "100,000" : String.format(Locale.ROOT, "%,d", size))
                + " entries left by a consumer that died";
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        size = (int) scale.pick(10_000, 100_000);
        shard = random.nextInt(ShopKeys.SHARDS);
        Random orders = new Random(random.nextLong());
        Duration bound = Duration.ofMinutes(scale.pick(5, 25));
        return new Plan(Duration.ofSeconds(10), List.of(new PlannedFault(Duration.ofSeconds(5),
                "a pending list of " + size + " entries on shard " + shard, context -> run(context, orders, bound))));
    }

    private void run(FaultContext context, Random random, Duration bound) {
        List<AppProcess> payment = context.fleet().of("payment");
        long from = context.now();
        payment.forEach(AppProcess::freeze);
        context.note("SIGSTOP " + payment.stream().map(AppProcess::slot).toList());
        List<String> orderIds = SagaLoader.start(context.fleet().redis().uri(), shard, size, seed, random);
        context.placedOwn(Set.copyOf(orderIds));
        long read = readAll(context.redis());
        context.fault(read + " entries read by consumer " + DOOMED + " of group payment on shard " + shard
                + ", which dies");
        log.info("pending-100k: {} entries pending with {} on shard {}; payment continues", read, DOOMED, shard);
        backlog.entries = read;
        backlog.startedAt = context.now();
        payment.forEach(AppProcess::thaw);
        payment.forEach(p -> context.healed(p.slot(), from));
        backlog.watch(context, bound);
        log.info("pending-100k: {}", backlog.claimedAt < 0 ? backlog.left + " entries left unclaimed"
                : "claimed to the end after " + (backlog.claimedAt - backlog.startedAt) + " ms");
        Set<String> waiting = new HashSet<>(orderIds);
        Waits.until(bound, () -> {
            waiting.retainAll(context.fleet().database("order").query(
                    "SELECT order_id FROM orders WHERE status = 'PENDING'", row -> row.getString(1)));
            return waiting.isEmpty();
        });
        backlog.completedAt = waiting.isEmpty() ? context.now() : -1;
        context.note("backlog claimed after " + (backlog.claimedAt - backlog.startedAt) + " ms, its sagas completed"
                + " after " + (backlog.completedAt - backlog.startedAt) + " ms");
    }

    /** The throwaway consumer reads everything the payment group has not had on the shard's events. */
    private long readAll(RedisProbe redis) {
        return redis.call(r -> {
            long read = 0;
            while (true) {
                int got = r.xreadgroup(Consumer.from("payment", DOOMED), XReadArgs.Builder.count(1000),
                        StreamOffset.lastConsumed(ShopKeys.events(shard))).size();
                if (got == 0) {
                    return read;
                }
                read += got;
            }
        });
    }

    @Override
    public ScenarioCheck check(FaultContext context, List<Call> calls, Ledger before, Ledger after) {
        List<String> violations = new ArrayList<>();
        Map<String, Object> numbers = new LinkedHashMap<>(backlog.numbers());
        numbers.put("shard", shard);
        if (backlog.claimedAt < 0) {
            violations.add("the claimers did not reach the end of the pending list: " + backlog.left
                    + " entries still with " + DOOMED);
        }
        if (backlog.longestGapMs > BATCH_BOUND.toMillis()) {
            violations.add("a claim batch came " + backlog.longestGapMs + " ms after the one before (bound "
                    + BATCH_BOUND.toMillis() + " ms)");
        }
        if (backlog.completedAt < 0) {
            violations.add("not every saga of the backlog completed");
        }
        return new ScenarioCheck(backlog.figure(), numbers, violations, List.of());
    }

    /** What the watch of the pending list saw; written by the schedule's thread, read after it. */
    private final class Backlog {
        long entries;
        long startedAt;
        long claimedAt = -1;
        long completedAt = -1;
        long left;
        long longestGapMs;
        final List<Long> gaps = new ArrayList<>();
        final List<Long> batches = new ArrayList<>();

        /** Polls the payment group's pending list until the dead consumer has nothing left. */
        void watch(FaultContext context, Duration bound) {
            long last = entries;
            long lastAt = startedAt;
            while (context.now() - startedAt < bound.toMillis()) {
                long now = context.now();
                long count = pendingOfDoomed(context.redis());
                if (count < last) {
                    batches.add(last - count);
                    gaps.add(now - lastAt);
                    longestGapMs = Math.max(longestGapMs, now - lastAt);
                    last = count;
                    lastAt = now;
                }
                if (count == 0) {
                    claimedAt = now;
                    break;
                }
                Waits.pause(POLL);
            }
            left = last;
        }

        private long pendingOfDoomed(RedisProbe redis) {
            return redis.call(r -> {
                PendingMessages pending = r.xpending(ShopKeys.events(shard), "payment");
                Long count = pending.getConsumerMessageCount().get(DOOMED);
                return count == null ? 0L : count;
            });
        }

        Map<String, Object> numbers() {
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("entries", entries);
            numbers.put("claimMs", claimedAt < 0 ? -1 : claimedAt - startedAt);
            numbers.put("completeMs", completedAt < 0 ? -1 : completedAt - startedAt);
            numbers.put("batches", batches.size());
            numbers.put("largestBatch", batches.stream().mapToLong(Long::longValue).max().orElse(0));
            numbers.put("medianGapMs", median(gaps));
            numbers.put("longestGapMs", longestGapMs);
            return numbers;
        }

        String figure() {
            if (claimedAt < 0) {
                return String.format(Locale.ROOT, "pending list of %,d entries: %,d left unclaimed", entries, left);
            }
            double seconds = (claimedAt - startedAt) / 1000.0;
            return String.format(Locale.ROOT, "pending list of %,d entries claimed to its end in %.1f s (%.0f/s) in"
                    + " %d batches, up to %d entries, %.1f s apart at most (median %.1f s); every saga completed"
                    + " %.1f s after the claiming began", entries, seconds, entries / Math.max(0.001, seconds),
                    batches.size(), batches.stream().mapToLong(Long::longValue).max().orElse(0),
                    longestGapMs / 1000.0, median(gaps) / 1000.0,
                    completedAt < 0 ? -1 : (completedAt - startedAt) / 1000.0);
        }

        private static long median(List<Long> values) {
            if (values.isEmpty()) {
                return 0;
            }
            List<Long> sorted = values.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }
}
