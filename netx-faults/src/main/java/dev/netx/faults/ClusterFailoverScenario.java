package dev.netx.faults;

import dev.netx.test.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Fault 8: failovers of a Redis Cluster's masters under load, on three masters with a replica each.
 * Each failover is, drawn by the seed and alternating, a graceful one ({@code CLUSTER FAILOVER} sent
 * to the replica of a drawn master: the master holds its clients until the replica has caught up,
 * then the replica takes its slots and the master turns replica) or a {@code kill -9} of a drawn
 * master (the cluster judges it failed after the node timeout and its replica takes over; the killed
 * one is restarted, empty, and rejoins as the replica, so that the next failover has a target).
 * Replication is asynchronous, so a write the killed master acknowledged may be lost with it: the
 * loss is measured. Own checks: after each failover the new master takes a write to the moved slots,
 * and a caller's order is accepted again after the last refusal, within 20 s; no process logged a
 * {@code CROSSSLOT} and no node answered one; the {@code MOVED} answers the nodes sent are counted.
 */
final class ClusterFailoverScenario implements Scenario {

    private static final Duration WRITES_BOUND = Duration.ofSeconds(20);
    private static final Duration REJOIN_BOUND = Duration.ofSeconds(60);
    private static final Duration PROBE_POLL = Duration.ofMillis(50);
    private static final String GRACEFUL = "CLUSTER FAILOVER";
    private static final String KILL = "kill -9";
    private static final String CROSSSLOT = "CROSSSLOT";

    private final List<Failover> failovers = new ArrayList<>();
    /** Error replies of nodes killed during the run, counted before they died. */
    private final Map<String, Long> errorsOfKilled = new HashMap<>();
    private final Map<Path, Long> logSizes = new HashMap<>();

    @Override
    public String name() {
        return "cluster-failover";
    }

    @Override
    public String kind() {
        return "Cluster failover (CLUSTER FAILOVER, or kill -9 of a master)";
    }

    @Override
    public boolean measuresLoss() {
        return true;
    }

    @Override
    public ShopRedis.Topology topology() {
        return ShopRedis.Topology.CLUSTER;
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        synchronized (failovers) {
            failovers.clear();
            errorsOfKilled.clear();
        }
        Duration duration = Duration.ofSeconds(scale.pick(60, 150));
        List<Duration> times = Schedules.every(random, Duration.ofSeconds(10), duration.minusSeconds(25),
                Duration.ofSeconds(20), Duration.ofSeconds(scale.pick(24, 30)));
        boolean gracefulFirst = random.nextBoolean();
        List<PlannedFault> faults = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            boolean graceful = (i % 2 == 0) == gracefulFirst;
            int pair = random.nextInt(3);
            faults.add(graceful
                    ? new PlannedFault(times.get(i), GRACEFUL + " to the replica of master " + (pair + 1),
                            context -> failOver(context, pair))
                    : new PlannedFault(times.get(i), KILL + " of master " + (pair + 1) + ", restart it",
                            context -> kill(context, pair)));
        }
        return new Plan(duration, faults);
    }

    @Override
    public void prepare(FaultContext context) {
        clusterRedis(context).resetStats();
        synchronized (failovers) {
            logSizes.clear();
            context.fleet().processes().forEach(p -> logSizes.put(p.log(), ProcessLogs.size(p.log())));
        }
    }

    private void failOver(FaultContext context, int pair) {
        ClusterRedis redis = clusterRedis(context);
        RedisServer old = redis.masterOf(pair);
        RedisServer next = redis.other(pair, old);
        long from = context.now();
        redis.failover(next);
        context.fault(GRACEFUL + " to the replica on port " + next.port() + " of the master on port " + old.port());
        long writable = awaitWrites(context, redis, pair, next, from);
        long demoted = Waits.until(REJOIN_BOUND, PROBE_POLL, () -> redis.isReplica(old))
                .map(waited -> context.now() - from).orElse(-1L);
        context.note("the old master on port " + old.port() + " turned replica " + demoted + " ms after the fault");
        rejoin(context, redis, new Failover(GRACEFUL, from, writable, demoted), old, next);
    }

    private void kill(FaultContext context, int pair) {
        ClusterRedis redis = clusterRedis(context);
        RedisServer old = redis.masterOf(pair);
        RedisServer next = redis.other(pair, old);
        Map<String, Long> counted = redis.errors(List.of(old));
        long from = context.now();
        old.kill();
        context.fault(KILL + " of the master on port " + old.port());
        synchronized (failovers) {
            counted.forEach((code, count) -> errorsOfKilled.merge(code, count, Long::sum));
        }
        long writable = awaitWrites(context, redis, pair, next, from);
        // it comes back empty, with its nodes.conf: the cluster makes it the replica of the one that took over
        old.restart();
        context.note("restarted the killed master on port " + old.port());
        rejoin(context, redis, new Failover(KILL, from, writable, -1), old, next);
    }

    private static long awaitWrites(FaultContext context, ClusterRedis redis, int pair, RedisServer next, long from) {
        long writable = Waits.until(WRITES_BOUND, PROBE_POLL, () -> redis.takesWrites(pair, next))
                .map(waited -> context.now() - from).orElse(-1L);
        context.note(writable < 0 ? "the replica on port " + next.port() + " took no write within " + WRITES_BOUND
                : "the new master on port " + next.port() + " took a write to its slots " + writable + " ms after the fault");
        return writable;
    }

    private void rejoin(FaultContext context, ClusterRedis redis, Failover failover, RedisServer old, RedisServer next) {
        synchronized (failovers) {
            failovers.add(failover);
        }
        if (Waits.until(REJOIN_BOUND, () -> redis.replicates(old, next)).isEmpty()) {
            throw new IllegalStateException("the old master on port " + old.port() + " did not rejoin as a"
                    + " replica of port " + next.port() + " within " + REJOIN_BOUND);
        }
        context.healed("redis", failover.atMs());
    }

    private static ClusterRedis clusterRedis(FaultContext context) {
        if (context.fleet().shopRedis() instanceof ClusterRedis redis) {
            return redis;
        }
        throw new IllegalStateException("cluster-failover runs on a Redis Cluster only");
    }

    @Override
    public ScenarioCheck check(FaultContext context, List<Call> calls, Ledger before, Ledger after) {
        List<Failover> runs;
        Map<String, Long> errors;
        int crossSlotLines = 0;
        synchronized (failovers) {
            runs = List.copyOf(failovers);
            errors = new HashMap<>(errorsOfKilled);
            for (Map.Entry<Path, Long> log : logSizes.entrySet()) {
                crossSlotLines += (int) ProcessLogs.since(log.getKey(), log.getValue()).lines()
                        .filter(line -> line.contains(CROSSSLOT)).count();
            }
        }
        ClusterRedis redis = clusterRedis(context);
        redis.errors(redis.nodes()).forEach((code, count) -> errors.merge(code, count, Long::sum));
        long moved = errors.getOrDefault("MOVED", 0L);
        long crossSlot = errors.getOrDefault(CROSSSLOT, 0L);
        FailoverCheck checked = FailoverCheck.of(runs, calls, after, WRITES_BOUND, "master");
        List<String> violations = new ArrayList<>(checked.violations());
        if (crossSlotLines > 0 || crossSlot > 0) {
            violations.add(crossSlotLines + " lines of the processes' logs name " + CROSSSLOT + ", and the nodes"
                    + " answered " + crossSlot + " " + CROSSSLOT + " errors");
        }
        long graceful = runs.stream().filter(f -> f.kind().equals(GRACEFUL)).count();
        String figure = String.format(Locale.ROOT, "%d failovers (%d %s, %d %s of a master), seconds until the"
                + " replica took writes to the moved slots / the old master turned replica / a caller's order was"
                + " accepted after the last refusal: %s; %d calls refused (5xx or no answer) in the 30 s after the"
                + " failovers; %d %s; %d MOVED answered by the nodes", runs.size(),
                graceful, GRACEFUL, runs.size() - graceful, KILL, String.join(", ", checked.parts()), checked.refused(),
                crossSlot + crossSlotLines, CROSSSLOT, moved);
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("failovers", checked.numbers());
        numbers.put("errorReplies", errors);
        numbers.put("crossSlotLogLines", crossSlotLines);
        return new ScenarioCheck(figure, numbers, violations, checked.findings());
    }
}
