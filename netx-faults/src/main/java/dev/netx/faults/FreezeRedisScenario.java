package dev.netx.faults;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Fault 5b: SIGSTOP redis-server for 20 s under load, then SIGCONT. Callers meanwhile get a clear
 * error or 202 (outcome unknown) within their deadline; nothing is published twice on reconnect.
 */
final class FreezeRedisScenario implements Scenario {

    private static final Duration FROZEN_FOR = Duration.ofSeconds(20);

    @Override
    public String name() {
        return "freeze-redis";
    }

    @Override
    public String kind() {
        return "SIGSTOP of redis-server for 20 s";
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        Duration at = Duration.ofSeconds(6 + random.nextInt(5));
        long[] from = new long[1];
        return new Plan(at.plus(FROZEN_FOR).plusSeconds(scale.pick(12, 20)), List.of(
                new PlannedFault(at, "SIGSTOP redis-server", context -> {
                    from[0] = context.now();
                    context.fleet().redis().pause();
                    context.fault("SIGSTOP redis-server");
                }),
                new PlannedFault(at.plus(FROZEN_FOR), "SIGCONT redis-server", context -> {
                    context.fleet().redis().resume();
                    context.healed("redis", from[0]);
                })));
    }
}
