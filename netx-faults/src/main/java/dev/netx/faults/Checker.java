package dev.netx.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges a scenario once its faults are healed: waits (within bounds) until every saga ended and
 * nothing is pending, then until consumers and streams are back to their bounds, and checks the
 * side effects in the roles' databases, the callers' answers and the Redis keys. Blocks.
 */
final class Checker {

    private final Fleet fleet;
    private final RedisProbe redis;
    private final SuiteOptions options;

    Checker(Fleet fleet, RedisProbe redis, SuiteOptions options) {
        this.fleet = fleet;
        this.redis = redis;
        this.options = options;
    }

    /**
     * What the checker needs from before a scenario.
     *
     * @param ledger   the databases
     * @param redis    the netx keys
     * @param logSizes each process log's size, to read only what the scenario wrote
     */
    record Start(Ledger ledger, RedisState redis, Map<Path, Long> logSizes) {
    }

    /**
     * Waits (at most the settle bound) until no message is pending. Orders a scenario before left
     * PENDING stay so and were reported there; a scenario judges only its own orders.
     */
    void awaitQuiet() {
        Waits.until(options.settleBound(), () -> redis.state().pending() == 0);
    }

    /** What the databases, Redis and the process logs hold now. */
    Start start() {
        return start(Ledger.read(fleet));
    }

    /**
     * The start of a shop that no process has deployed yet: its tables do not exist, and once its
     * roles have started they hold the seed data alone.
     */
    Start startFresh() {
        return start(Ledger.seeded(options.seedData()));
    }

    private Start start(Ledger ledger) {
        Map<Path, Long> sizes = new HashMap<>();
        for (AppProcess process : fleet.processes()) {
            sizes.put(process.log(), ProcessLogs.size(process.log()));
        }
        return new Start(ledger, redis.state(), sizes);
    }

    /** The verdict on a scenario whose faults are healed and whose load has stopped. */
    Verdict judge(Start start, List<Call> calls, FaultContext context, Timeline timeline, List<String> failures,
            boolean measuresLoss) {
        Set<String> accepted = calls.stream().filter(Call::accepted).map(Call::orderId).collect(Collectors.toSet());
        long healed = timeline.millis();
        long settledMs = Waits.until(options.settleBound(), () -> redis.state().pending() == 0
                && ended(Ledger.read(fleet), start.ledger(), accepted)).map(Duration::toMillis).orElse(-1L);
        Waits.until(options.baselineBound(), () -> {
            RedisState state = redis.state();
            return state.maxConsumers() <= options.perRole() && state.longestStream() <= options.streamBound();
        });
        Ledger after = Ledger.read(fleet);
        RedisState redisAfter = redis.state();
        SideEffects effects = SideEffects.check(start.ledger(), after);
        Callers callers = Callers.check(calls, context.disruptions(), options.deadline());
        Map<String, Ledger.Order> orders = after.orders().stream()
                .collect(Collectors.toMap(Ledger.Order::orderId, order -> order));
        Set<String> lost = new HashSet<>();
        int disagreements = 0;
        List<String> violations = new ArrayList<>(failures);
        for (Call call : calls) {
            if (!call.accepted()) {
                continue;
            }
            Ledger.Order order = orders.get(call.orderId());
            if (order == null || !order.isFinal()) {
                lost.add(call.orderId());
            } else if ((call.status() == 201 && !"CONFIRMED".equals(order.status()))
                    || (call.status() == 409 && !"CANCELLED".equals(order.status()))) {
                disagreements++;
                violations.add("answered " + call.status() + " but ended " + order.status() + ": " + call);
            }
        }
        Set<String> before = start.ledger().orderIds();
        after.orders().stream().filter(o -> !before.contains(o.orderId()) && !o.isFinal())
                .forEach(o -> lost.add(o.orderId()));
        Set<String> placed = new HashSet<>(accepted);
        after.orders().stream().map(Ledger.Order::orderId).filter(id -> !before.contains(id)).forEach(placed::add);
        // orders the scenario placed itself had no caller, so no caller was refused them
        Set<String> own = context.ownOrders();
        long placedByCallers = placed.stream().filter(id -> !own.contains(id)).count();
        if (!lost.isEmpty()) {
            violations.add((measuresLoss ? "measured loss: " : "") + lost.size() + " accepted sagas did not end: "
                    + lost.stream().limit(10).toList());
        }
        violations.addAll(effects.problems());
        violations.addAll(callers.problems());
        long recovery = recovery(calls, context.heals(), timeline, violations);
        if (settledMs < 0) {
            violations.add("not settled within " + options.settleBound() + ": " + redisAfter);
        }
        if (redisAfter.maxConsumers() > options.perRole()) {
            violations.add("consumers not back to " + options.perRole() + " per group: " + redisAfter.consumersByGroup());
        }
        if (redisAfter.keysWithoutTtl() > 0) {
            violations.add(redisAfter.keysWithoutTtl() + " saga keys without a TTL");
        }
        int unclear = callers.cutOff() + callers.hung() + callers.broken() + callers.statuses().entrySet().stream()
                .filter(e -> e.getKey() >= 500 && e.getKey() != 503).mapToInt(Map.Entry::getValue).sum();
        long ranAfterRefusal = placedByCallers - accepted.size() - unclear;
        if (ranAfterRefusal > 0) {
            violations.add("at least " + ranAfterRefusal + " sagas ran though their callers were answered 503 (Redis"
                    + " refused, nothing written): " + callers.statuses().getOrDefault(503, 0) + " answers were 503");
        }
        List<String> findings = new ArrayList<>();
        callers.statuses().forEach((status, count) -> {
            if (status >= 500 && status != 503) {
                findings.add(count + " answers with HTTP " + status + " (not a clear 503)");
            }
        });
        long deadLetters = redisAfter.deadLetters() - start.redis().deadLetters();
        if (deadLetters != 0) {
            findings.add(deadLetters + " dead letters added");
        }
        if (redisAfter.longestStream() > options.streamBound()) {
            findings.add("a stream is still " + redisAfter.longestStream() + " entries long");
        }
        int gone = count(start.logSizes(), "finished as GONE");
        if (gone > 0) {
            findings.add(gone + " messages handled after their saga's state had expired (GONE in the logs): those"
                    + " sagas stop there");
        }
        if (effects.unrecognisedKeys() > 0) {
            findings.add(effects.unrecognisedKeys() + " idempotency keys of no known effect");
        }
        return new Verdict(placed.size(), lost.size(), disagreements, effects, callers, settledMs, recovery,
                redisAfter, deadLetters, fenced(start.logSizes()), List.copyOf(violations), List.copyOf(findings));
    }

    private static boolean ended(Ledger now, Ledger before, Set<String> accepted) {
        Set<String> old = before.orderIds();
        Map<String, Ledger.Order> orders = now.orders().stream()
                .collect(Collectors.toMap(Ledger.Order::orderId, order -> order));
        return accepted.stream().allMatch(id -> orders.containsKey(id) && orders.get(id).isFinal())
                && now.orders().stream().filter(o -> !old.contains(o.orderId())).allMatch(Ledger.Order::isFinal);
    }

    /** The longest wait after a heal for an order that was sent after it to complete. */
    private long recovery(List<Call> calls, List<Long> heals, Timeline timeline, List<String> violations) {
        long longest = 0;
        long loadEnd = calls.stream().mapToLong(Call::endMs).max().orElse(0);
        for (long heal : heals) {
            long first = calls.stream().filter(c -> c.startMs() >= heal && (c.status() == 201 || c.status() == 409))
                    .mapToLong(Call::endMs).min().orElse(-1);
            if (first < 0) {
                if (loadEnd - heal > options.recoveryBound().toMillis()) {
                    violations.add("no order completed in the " + (loadEnd - heal) + " ms after the heal at " + heal);
                }
                continue;
            }
            longest = Math.max(longest, first - heal);
        }
        if (longest > options.recoveryBound().toMillis()) {
            violations.add("progress resumed only " + longest + " ms after a heal (bound " + options.recoveryBound() + ")");
        }
        return longest;
    }

    /** How many refused late writes the processes logged since the scenario began. */
    private static int fenced(Map<Path, Long> sizes) {
        return count(sizes, "FENCED");
    }

    /** How many lines with {@code needle} the processes logged since the scenario began. */
    private static int count(Map<Path, Long> sizes, String needle) {
        int count = 0;
        for (var entry : sizes.entrySet()) {
            count += (int) ProcessLogs.since(entry.getKey(), entry.getValue()).lines()
                    .filter(l -> l.contains(needle)).count();
        }
        return count;
    }
}
