package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fault 1: kill -9 an app process every 20-30 s under sustained load and start it again at once,
 * drawn by the seed: any role's process, restarted under the same or a new consumer name.
 */
final class KillAppScenario implements Scenario {

    @Override
    public String name() {
        return "kill-app";
    }

    @Override
    public String kind() {
        return "kill -9 of an app process";
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        Duration duration = Duration.ofSeconds(scale.pick(55, 110));
        List<PlannedFault> faults = new ArrayList<>();
        for (Duration at : Schedules.every(random, Duration.ofSeconds(8), duration.minusSeconds(20),
                Duration.ofSeconds(20), Duration.ofSeconds(30))) {
            AppProcess target = Schedules.pick(random, fleet.processes());
            boolean renamed = random.nextBoolean();
            faults.add(killAndRestart(at, target, renamed));
        }
        return new Plan(duration, faults);
    }

    /** At {@code at}, kill -9 of the process, restarted at once under its name or a new one. */
    static PlannedFault killAndRestart(Duration at, AppProcess target, boolean renamed) {
        String description = "kill -9 " + target.slot() + ", restart " + (renamed ? "under a new name" : "as before");
        return new PlannedFault(at, description, context -> {
            long from = context.now();
            target.kill();
            context.fault("kill -9 " + target.slot() + " (" + target.nodeName() + ")");
            if (renamed) {
                target.startRenamed();
            } else {
                target.start();
            }
            context.healed(target.slot(), from);
            context.note("restarted " + target.slot() + " as " + target.nodeName());
        });
    }
}
