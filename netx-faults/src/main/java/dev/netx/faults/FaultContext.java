package dev.netx.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * What a fault action works on, and where it writes down what it did: the shop, Redis from outside,
 * and the scenario's log of faults, disruptions and heals. Thread-safe.
 */
final class FaultContext {

    private final Fleet fleet;
    private final RedisProbe redis;
    private final Timeline timeline;
    private final List<String> events = new ArrayList<>();
    private final List<Disruption> disruptions = new ArrayList<>();
    private final List<Long> heals = new ArrayList<>();
    private int faults;

    FaultContext(Fleet fleet, RedisProbe redis, Timeline timeline) {
        this.fleet = fleet;
        this.redis = redis;
        this.timeline = timeline;
    }

    Fleet fleet() {
        return fleet;
    }

    /** Redis from outside: admin commands such as CONFIG SET and CLIENT PAUSE. */
    RedisProbe redis() {
        return redis;
    }

    /** Now, on the scenario's timeline. */
    long now() {
        return timeline.millis();
    }

    /** Records one injected fault. */
    synchronized void fault(String description) {
        faults++;
        note("fault: " + description);
    }

    /** Records an event of the schedule (a heal, a restart under a new name). */
    synchronized void note(String description) {
        events.add(String.format("t=%.1fs %s", timeline.millis() / 1000.0, description));
    }

    /** Records that the target was away from {@code fromMs} until now, and that it is healed now. */
    synchronized void healed(String target, long fromMs) {
        long now = timeline.millis();
        disruptions.add(new Disruption(target, fromMs, now));
        heals.add(now);
        note("healed: " + target + " after " + (now - fromMs) + " ms");
    }

    synchronized int faults() {
        return faults;
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized List<Disruption> disruptions() {
        return List.copyOf(disruptions);
    }

    synchronized List<Long> heals() {
        return List.copyOf(heals);
    }
}
