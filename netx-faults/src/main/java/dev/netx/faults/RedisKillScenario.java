package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fault 3: kill -9 redis-server under load and restart it from its append-only file. With {@code
 * appendfsync always} nothing acknowledged may be lost; with {@code everysec} the loss is measured
 * (a kill of the process alone leaves the OS's page cache, so it is usually none), and no caller may
 * hang either way.
 */
final class RedisKillScenario implements Scenario {

    private final boolean always;

    /** With {@code appendfsync always} when {@code always}, else {@code everysec}. */
    RedisKillScenario(boolean always) {
        this.always = always;
    }

    @Override
    public String name() {
        return always ? "redis-kill-aof-always" : "redis-kill-aof-everysec";
    }

    @Override
    public String kind() {
        return "kill -9 of redis-server (appendfsync " + fsync() + ")";
    }

    @Override
    public boolean measuresLoss() {
        return !always;
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        Duration duration = Duration.ofSeconds(scale.pick(40, 65));
        List<PlannedFault> faults = new ArrayList<>();
        for (Duration at : Schedules.every(random, Duration.ofSeconds(8), duration.minusSeconds(12),
                Duration.ofSeconds(14), Duration.ofSeconds(20))) {
            faults.add(new PlannedFault(at, "kill -9 redis-server, restart", context -> {
                long from = context.now();
                context.fleet().redis().kill();
                context.fault("kill -9 redis-server");
                context.fleet().redis().restart();
                setFsync(context);
                context.healed("redis", from);
            }));
        }
        return new Plan(duration, faults);
    }

    @Override
    public void prepare(FaultContext context) {
        setFsync(context);
    }

    @Override
    public void restore(FaultContext context) {
        context.redis().call(redis -> redis.configSet("appendfsync", "always"));
    }

    private void setFsync(FaultContext context) {
        context.redis().call(redis -> redis.configSet("appendfsync", fsync()));
    }

    private String fsync() {
        return always ? "always" : "everysec";
    }
}
