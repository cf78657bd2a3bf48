package dev.netx.faults;

import dev.netx.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fault 4: Sentinel failovers under load, on a primary and a replica with {@code appendfsync
 * everysec} and three Sentinels. Each failover is, drawn by the seed and alternating, a graceful one
 * ({@code SENTINEL FAILOVER} asked of a Sentinel) or a {@code kill -9} of the primary (the Sentinels
 * promote the replica; the killed one is restarted and rejoins as the replica, so that the next
 * failover has a target). Replication is asynchronous, so a write the old primary acknowledged may
 * be lost with it, and after a graceful one the clients still connected to the old primary write
 * there until the Sentinels turn it into a replica: the loss is measured. Own checks: after each
 * failover the new primary takes a write, and a caller's order is accepted again after the last
 * refusal, within 20 s.
 */
final class SentinelFailoverScenario implements Scenario {

    private static final Duration WRITES_BOUND = Duration.ofSeconds(20);
    private static final Duration REJOIN_BOUND = Duration.ofSeconds(60);
    private static final Duration PROBE_POLL = Duration.ofMillis(50);
    private static final String GRACEFUL = "SENTINEL FAILOVER";
    private static final String KILL = "kill -9";

    private final List<Failover> failovers = new ArrayList<>();

    /**
     * One failover as it ran.
     *
     * @param kind       {@code SENTINEL FAILOVER} or {@code kill -9}
     * @param atMs       when it was injected, on the scenario's timeline
     * @param writableMs how long after it the new primary, named by every Sentinel, took a write; -1 if not
     *                   within the bound
     * @param demotedMs  how long after it the old primary turned replica (until then it took the writes of
     *                   the clients still connected to it); -1 for a kill
     */
    record Failover(String kind, long atMs, long writableMs, long demotedMs) {
    }

    @Override
    public String name() {
        return "sentinel-failover";
    }

    @Override
    public String kind() {
        return "Sentinel failover (SENTINEL FAILOVER, or kill -9 of the primary)";
    }

    @Override
    public boolean measuresLoss() {
        return true;
    }

    @Override
    public ShopRedis.Topology topology() {
        return ShopRedis.Topology.SENTINEL;
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        synchronized (failovers) {
            failovers.clear();
        }
        Duration duration = Duration.ofSeconds(scale.pick(60, 150));
        List<Duration> times = Schedules.every(random, Duration.ofSeconds(10), duration.minusSeconds(25),
                Duration.ofSeconds(scale.pick(20, 22)), Duration.ofSeconds(scale.pick(24, 30)));
        boolean gracefulFirst = random.nextBoolean();
        List<PlannedFault> faults = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            boolean graceful = (i % 2 == 0) == gracefulFirst;
            int sentinel = random.nextInt(3);
            faults.add(graceful
                    ? new PlannedFault(times.get(i), GRACEFUL + " asked of sentinel " + (sentinel + 1),
                            context -> failOver(context, sentinel))
                    : new PlannedFault(times.get(i), KILL + " of the primary, restart it", this::kill));
        }
        return new Plan(duration, faults);
    }

    private void failOver(FaultContext context, int index) {
        SentinelRedis redis = sentinelRedis(context);
        RedisServer old = redis.master();
        long from = context.now();
        redis.failover(redis.sentinels().get(index));
        context.fault(GRACEFUL + " asked of sentinel " + (index + 1) + ", primary on port " + old.port());
        long writable = awaitWrites(context, redis, redis.other(old), from);
        rejoin(context, redis, old, from, GRACEFUL, writable);
    }

    private void kill(FaultContext context) {
        SentinelRedis redis = sentinelRedis(context);
        RedisServer old = redis.master();
        long from = context.now();
        old.kill();
        context.fault(KILL + " of the primary on port " + old.port());
        long writable = awaitWrites(context, redis, redis.other(old), from);
        // it comes back empty (its AOF is not on its command line) and the Sentinels make it a replica
        old.restart();
        context.note("restarted the killed primary on port " + old.port());
        rejoin(context, redis, old, from, KILL, writable);
    }

    private static long awaitWrites(FaultContext context, SentinelRedis redis, RedisServer next, long from) {
        long writable = Waits.until(WRITES_BOUND, PROBE_POLL, () -> redis.takesWrites(next))
                .map(waited -> context.now() - from).orElse(-1L);
        context.note(writable < 0 ? "the replica on port " + next.port() + " took no write within " + WRITES_BOUND
                : "the new primary on port " + next.port() + " took a write " + writable + " ms after the fault");
        return writable;
    }

    private void rejoin(FaultContext context, SentinelRedis redis, RedisServer old, long from, String kind,
            long writable) {
        RedisServer next = redis.other(old);
        long demoted = -1;
        if (kind.equals(GRACEFUL)) {
            demoted = Waits.until(REJOIN_BOUND, PROBE_POLL, () -> redis.isReplica(old))
                    .map(waited -> context.now() - from).orElse(-1L);
            context.note("the old primary on port " + old.port() + " turned replica " + demoted + " ms after the fault");
        }
        synchronized (failovers) {
            failovers.add(new Failover(kind, from, writable, demoted));
        }
        if (Waits.until(REJOIN_BOUND, () -> redis.replicates(old, next)).isEmpty()) {
            throw new IllegalStateException("the old primary on port " + old.port() + " did not rejoin as a"
                    + " replica of port " + next.port() + " within " + REJOIN_BOUND);
        }
        redis.persist(old);
        context.healed("redis", from);
    }

    private static SentinelRedis sentinelRedis(FaultContext context) {
        if (context.fleet().shopRedis() instanceof SentinelRedis redis) {
            return redis;
        }
        throw new IllegalStateException("sentinel-failover runs on a Sentinel setup only");
    }

    @Override
    public ScenarioCheck check(FaultContext context, List<Call> calls, Ledger before, Ledger after) {
        List<Failover> runs;
        synchronized (failovers) {
            runs = List.copyOf(failovers);
        }
        List<String> violations = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        List<Map<String, Object>> numbers = new ArrayList<>();
        int refusedInAll = 0;
        for (int i = 0; i < runs.size(); i++) {
            Failover failover = runs.get(i);
            long windowEnd = Math.min(failover.atMs() + 30_000,
                    i + 1 < runs.size() ? runs.get(i + 1).atMs() : Long.MAX_VALUE);
            // a refusal belongs to the failover before its answer: a call sent just before a kill is refused by it
            List<Call> refused = calls.stream().filter(SentinelFailoverScenario::refused)
                    .filter(c -> c.endMs() >= failover.atMs() && c.endMs() < windowEnd).toList();
            long lastRefusal = refused.stream().mapToLong(Call::endMs).max().orElse(failover.atMs());
            long accepted = calls.stream().filter(c -> c.accepted() && c.startMs() >= lastRefusal)
                    .mapToLong(Call::endMs).min().orElse(-1);
            long callersMs = accepted < 0 ? -1 : accepted - failover.atMs();
            refusedInAll += refused.size();
            String which = "failover " + (i + 1) + " (" + failover.kind() + " at " + seconds(failover.atMs()) + " s)";
            if (failover.writableMs() < 0) {
                violations.add(which + ": the new primary took no write within " + WRITES_BOUND);
            }
            if (callersMs < 0 || callersMs > WRITES_BOUND.toMillis()) {
                violations.add(which + ": no caller's order was accepted within " + WRITES_BOUND + " after the last"
                        + " refusal (" + (callersMs < 0 ? "none" : callersMs + " ms") + ")");
            }
            parts.add(String.format(Locale.ROOT, "%s %s/%s/%s s (%d refused)", failover.kind(),
                    seconds(failover.writableMs()), seconds(failover.demotedMs()), seconds(callersMs),
                    refused.size()));
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("kind", failover.kind());
            one.put("atMs", failover.atMs());
            one.put("newPrimaryTookWriteAfterMs", failover.writableMs());
            one.put("oldPrimaryTurnedReplicaAfterMs", failover.demotedMs());
            one.put("callerAcceptedAgainAfterMs", callersMs);
            one.put("callsRefused", refused.size());
            one.put("refusals", refused.stream().collect(Collectors.groupingBy(SentinelFailoverScenario::refusal,
                    Collectors.counting())));
            numbers.add(one);
        }
        List<String> findings = lostNearFailovers(calls, after, runs);
        long graceful = runs.stream().filter(f -> f.kind().equals(GRACEFUL)).count();
        String figure = String.format(Locale.ROOT, "%d failovers (%d %s, %d %s of the primary), seconds"
                + " until the new primary took a write / the old one turned replica / a caller's order was accepted"
                + " after the last refusal: %s; %d calls refused (5xx or no answer) in the 30 s after the failovers", runs.size(), graceful, GRACEFUL, runs.size() - graceful,
                KILL, String.join(", ", parts), refusedInAll);
        return new ScenarioCheck(figure, Map.of("failovers", numbers), violations, findings);
    }

    /** For each lost order, where its call was relative to the failover nearest it: the loss's cause. */
    private static List<String> lostNearFailovers(List<Call> calls, Ledger after, List<Failover> runs) {
        Map<String, Ledger.Order> orders = after.orders().stream()
                .collect(Collectors.toMap(Ledger.Order::orderId, Function.identity(), (a, b) -> a));
        List<String> findings = new ArrayList<>();
        for (Call call : calls) {
            Ledger.Order order = call.accepted() ? orders.get(call.orderId()) : null;
            if (!call.accepted() || (order != null && order.isFinal())) {
                continue;
            }
            Failover nearest = runs.stream().min((a, b) -> Long.compare(Math.abs(a.atMs() - call.endMs()),
                    Math.abs(b.atMs() - call.endMs()))).orElse(null);
            findings.add(String.format(Locale.ROOT, "lost: order %s (saga %s, answered %d, %s), sent at %s s,"
                    + " answered at %s s; nearest failover: %s", call.orderId(), call.sagaId(), call.status(),
                    order == null ? "no order row" : "order " + order.status(), seconds(call.startMs()),
                    seconds(call.endMs()), nearest == null ? "none" : nearest.kind() + " at " + seconds(nearest.atMs()) + " s"));
        }
        return findings;
    }

    private static boolean refused(Call call) {
        return call.outcome() != Call.Outcome.ANSWERED || call.status() >= 500;
    }

    private static String refusal(Call call) {
        return call.outcome() == Call.Outcome.ANSWERED ? "HTTP " + call.status() : call.outcome().name();
    }

    private static String seconds(long ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
