package dev.netx.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Fault times drawn from a seeded random. */
final class Schedules {

    private Schedules() {
    }

    /** Times from {@code first}, each a random gap of {@code minGap} to {@code maxGap} after the last, before {@code until}. */
    static List<Duration> every(Random random, Duration first, Duration until, Duration minGap, Duration maxGap) {
        List<Duration> times = new ArrayList<>();
        for (Duration at = first; at.compareTo(until) < 0;
                at = at.plusMillis(minGap.toMillis() + random.nextLong(maxGap.toMillis() - minGap.toMillis() + 1))) {
            times.add(at);
        }
        return times;
    }

    /** One of the items, drawn. */
    static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
