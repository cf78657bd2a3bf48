package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault 5a: SIGSTOP an app process for three orphan timeouts, so that others claim its messages,
 * then SIGCONT: whatever it finishes late must be fenced off (FENCED in its log), never done twice.
 */
final class FreezeAppScenario implements Scenario {

    private final Duration frozenFor;

    /** Freezes each target for {@code frozenFor} (longer than the shop's orphan timeout). */
    FreezeAppScenario(Duration frozenFor) {
        this.frozenFor = frozenFor;
    }

    @Override
    public String name() {
        return "freeze-app";
    }

    @Override
    public String kind() {
        return "SIGSTOP of an app process for " + frozenFor.toSeconds() + " s";
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        Duration duration = Duration.ofSeconds(scale.pick(40, 68));
        List<PlannedFault> faults = new ArrayList<>();
        for (Duration at : Schedules.every(random, Duration.ofSeconds(6), duration.minus(frozenFor).minusSeconds(8),
                frozenFor.plusSeconds(8), frozenFor.plusSeconds(14))) {
            AppProcess target = Schedules.pick(random, fleet.processes());
            AtomicLong from = new AtomicLong();
            faults.add(new PlannedFault(at, "SIGSTOP " + target.slot(), context -> {
                from.set(context.now());
                target.freeze();
                context.fault("SIGSTOP " + target.slot() + " (" + target.nodeName() + ")");
            }));
            faults.add(new PlannedFault(at.plus(frozenFor), "SIGCONT " + target.slot(), context -> {
                target.thaw();
                context.healed(target.slot(), from.get());
            }));
        }
        return new Plan(duration, faults);
    }
}
