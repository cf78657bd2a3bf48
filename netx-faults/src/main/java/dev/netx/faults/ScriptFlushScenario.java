package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Fault 6b: SCRIPT FLUSH every few seconds under load: every node must load its scripts again. */
final class ScriptFlushScenario implements Scenario {

    @Override
    public String name() {
        return "script-flush";
    }

    @Override
    public String kind() {
        return "SCRIPT FLUSH";
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        Duration duration = Duration.ofSeconds(scale.pick(25, 40));
        List<PlannedFault> faults = new ArrayList<>();
        for (Duration at : Schedules.every(random, Duration.ofSeconds(4), duration.minusSeconds(6),
                Duration.ofSeconds(2), Duration.ofSeconds(4))) {
            faults.add(new PlannedFault(at, "SCRIPT FLUSH", context -> {
                context.redis().call(redis -> redis.scriptFlush());
                context.fault("SCRIPT FLUSH");
            }));
        }
        return new Plan(duration, faults);
    }
}
