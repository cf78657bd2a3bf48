package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fault 6c: maxmemory reached with {@code noeviction} (set just below the memory in use), then
 * raised: writes are refused (callers get 503) and nothing accepted before is lost.
 */
final class MaxMemoryScenario implements Scenario {

    private static final Duration FULL_FOR = Duration.ofSeconds(8);

    @Override
    public String name() {
        return "maxmemory";
    }

    @Override
    public String kind() {
        return "maxmemory reached (noeviction) for 8 s";
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        Duration duration = Duration.ofSeconds(scale.pick(35, 50));
        List<PlannedFault> faults = new ArrayList<>();
        for (Duration at : Schedules.every(random, Duration.ofSeconds(6), duration.minus(FULL_FOR).minusSeconds(8),
                FULL_FOR.plusSeconds(8), FULL_FOR.plusSeconds(12))) {
            long[] from = new long[1];
            faults.add(new PlannedFault(at, "maxmemory below the memory in use", context -> {
                from[0] = context.now();
                long limit = context.redis().usedMemory() * 9 / 10;
                context.redis().call(redis -> {
                    redis.configSet("maxmemory-policy", "noeviction");
                    return redis.configSet("maxmemory", Long.toString(limit));
                });
                context.fault("maxmemory " + limit + " bytes (noeviction)");
            }));
            faults.add(new PlannedFault(at.plus(FULL_FOR), "maxmemory raised", context -> {
                context.redis().call(redis -> redis.configSet("maxmemory", "0"));
                context.healed("redis", from[0]);
            }));
        }
        return new Plan(duration, faults);
    }

    @Override
    public void restore(FaultContext context) {
        context.redis().call(redis -> redis.configSet("maxmemory", "0"));
    }
}
