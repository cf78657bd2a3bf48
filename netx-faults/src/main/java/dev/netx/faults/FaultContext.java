package dev.netx.faults;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a fault action works on, and where it writes down what it did: the shop, Redis from outside,
 * the load, and the scenario's log of faults, disruptions and heals. Thread-safe.
 */
final class FaultContext {

    private final Fleet fleet;
    private final RedisProbe redis;
    private final Timeline timeline;
    private final LoadGenerator load;
    private final Set<String> ownOrders = new HashSet<>();
    private final List<String> events = new ArrayList<>();
    private final List<Disruption> disruptions = new ArrayList<>();
    private final List<Long> heals = new ArrayList<>();
    private int faults;

    FaultContext(Fleet fleet, RedisProbe redis, Timeline timeline, LoadGenerator load) {
        this.fleet = fleet;
        this.redis = redis;
        this.timeline = timeline;
        this.load = load;
    }

    Fleet fleet() {
        return fleet;
    }

    /** Redis from outside: admin commands such as CONFIG SET and CLIENT PAUSE. */
    RedisProbe redis() {
        return redis;
    }

    /** The callers placing orders. */
    LoadGenerator load() {
        return load;
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

    /** Records {@code count} injected faults of one description at once. */
    synchronized void faults(int count, String description) {
        faults += count;
        note(count + " faults: " + description);
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

    /** Records orders the scenario placed itself, not through a caller (their sagas must end too). */
    synchronized void placedOwn(Set<String> orderIds) {
        ownOrders.addAll(orderIds);
    }

    synchronized Set<String> ownOrders() {
        return Set.copyOf(ownOrders);
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
