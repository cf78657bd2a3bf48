package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fault 9: rolling restarts under load, one process after the other, each stopped gracefully and
 * started under a new node name: consumers of the old names must be removed (the count stays
 * bounded) and no pending entry may be dropped.
 */
final class RollingRestartScenario implements Scenario {

    private final int restarts;

    /** Restarts that many processes, in turn. */
    RollingRestartScenario(int restarts) {
        this.restarts = restarts;
    }

    @Override
    public String name() {
        return "rolling-restart";
    }

    @Override
    public String kind() {
        return "rolling restart under a new node name";
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        List<AppProcess> order = new ArrayList<>(fleet.processes());
        java.util.Collections.shuffle(order, random);
        List<PlannedFault> faults = new ArrayList<>();
        for (int i = 0; i < restarts; i++) {
            AppProcess target = order.get(i % order.size());
            // back to back: each step starts when the one before has its process up again
            faults.add(new PlannedFault(Duration.ofSeconds(5).plusMillis(i), "restart " + target.slot(), context -> {
                long from = context.now();
                target.stop();
                context.fault("stopped " + target.slot() + " (" + target.nodeName() + ")");
                target.startRenamed();
                context.healed(target.slot(), from);
                context.note("started " + target.slot() + " as " + target.nodeName());
            }));
        }
        return new Plan(Duration.ofSeconds(20), faults);
    }
}
