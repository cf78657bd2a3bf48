package dev.netx.faults;

import dev.netx.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Fault 4: Sentinel failovers under load, on a primary and a replica with {@code appendfsync
 * everysec} and three Sentinels. Each failover is, drawn by the seed and alternating, a graceful one
 * ({@code SENTINEL FAILOVER} asked of a Sentinel) or a {@code kill -9} of the primary (the Sentinels
 * promote the replica; the killed one is restarted and rejoins as the replica, so that the next
 * failover has a target). Replication is asynchronous, so a write the old primary acknowledged may
 * be lost with it, and after a graceful one the clients still connected to the old primary write
 * there until the Sentinels turn it into a replica: the loss is measured. Own checks: after each
 * failover the new primary takes a write, and a caller's order is accepted again after the last
 * refusal, within 20 s. The same runs with the shop asking for the replica's acknowledgement
 * ({@code netx.replica-acks=1}), to show what that option saves.
 */
final class SentinelFailoverScenario implements Scenario {

    private static final Duration WRITES_BOUND = Duration.ofSeconds(20);
    private static final Duration REJOIN_BOUND = Duration.ofSeconds(60);
    private static final Duration PROBE_POLL = Duration.ofMillis(50);
    private static final String GRACEFUL = "SENTINEL FAILOVER";
    private static final String KILL = "kill -9";

    private final List<Failover> failovers = new ArrayList<>();
    private final boolean replicaAcks;

    /** @param replicaAcks whether the shop asks for the replica's acknowledgement of its writes */
    SentinelFailoverScenario(boolean replicaAcks) {
        this.replicaAcks = replicaAcks;
    }

    @Override
    public String name() {
        return replicaAcks ? "sentinel-failover-replica-acks" : "sentinel-failover";
    }

    @Override
    public String kind() {
        return "Sentinel failover (SENTINEL FAILOVER, or kill -9 of the primary)"
                + (replicaAcks ? ", writes acknowledged by the replica (netx.replica-acks=1)" : "");
    }

    @Override
    public boolean measuresLoss() {
        return true;
    }

    @Override
    public ShopRedis.Topology topology() {
        return replicaAcks ? ShopRedis.Topology.SENTINEL_REPLICA_ACKS : ShopRedis.Topology.SENTINEL;
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
        FailoverCheck checked = FailoverCheck.of(runs, calls, after, WRITES_BOUND, "primary");
        long graceful = runs.stream().filter(f -> f.kind().equals(GRACEFUL)).count();
        String figure = String.format(Locale.ROOT, "%d failovers (%d %s, %d %s of the primary), seconds"
                + " until the new primary took a write / the old one turned replica / a caller's order was accepted"
                + " after the last refusal: %s; %d calls refused (5xx or no answer) in the 30 s after the failovers",
                runs.size(), graceful, GRACEFUL, runs.size() - graceful, KILL, String.join(", ", checked.parts()),
                checked.refused());
        return new ScenarioCheck(figure, Map.of("failovers", checked.numbers()), checked.violations(),
                checked.findings());
    }
}
