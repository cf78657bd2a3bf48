package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fault 6a: CLIENT PAUSE longer than the claim idle time (the orphan timeout), so that messages in
 * flight look orphaned the moment Redis answers again.
 */
final class ClientPauseScenario implements Scenario {

    private final Duration pause;

    /** Pauses every client for {@code pause} each time. */
    ClientPauseScenario(Duration pause) {
        this.pause = pause;
    }

    @Override
    public String name() {
        return "client-pause";
    }

    @Override
    public String kind() {
        return "CLIENT PAUSE of " + pause.toSeconds() + " s";
    }

    @Override
    public Plan plan(Random random, Scale scale, Fleet fleet) {
        Duration duration = Duration.ofSeconds(scale.pick(35, 55));
        List<PlannedFault> faults = new ArrayList<>();
        for (Duration at : Schedules.every(random, Duration.ofSeconds(6), duration.minus(pause).minusSeconds(8),
                pause.plusSeconds(6), pause.plusSeconds(10))) {
            long[] from = new long[1];
            faults.add(new PlannedFault(at, "CLIENT PAUSE " + pause.toMillis(), context -> {
                from[0] = context.now();
                context.redis().call(redis -> redis.clientPause(pause.toMillis()));
                context.fault("CLIENT PAUSE " + pause.toMillis() + " ms");
            }));
            faults.add(new PlannedFault(at.plus(pause), "pause over", context -> context.healed("redis", from[0])));
        }
        return new Plan(duration, faults);
    }
}
