package dev.netx;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the namespace's nodes did in one interval, summed over every node that keeps history (see
 * {@link SagaInspector#activity(Duration)}).
 *
 * @param start        when the interval began
 * @param length       how long it is; the interval still running is as long as it has run so far
 * @param started      sagas started
 * @param committed    sagas committed
 * @param rolledBack   sagas rolled back
 * @param deadLettered messages moved to the dead-letter stream
 * @param handled      messages each group's nodes finished with (whatever the outcome), by group
 * @param leftForRetry messages each group's nodes left pending after a failure, for a retry, by group
 */
public record ActivityInterval(Instant start, Duration length, long started, long committed, long rolledBack,
        long deadLettered, Map<String, Long> handled, Map<String, Long> leftForRetry) {

    /** Validates; the maps are copied. */
    public ActivityInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(length, "length");
        handled = Map.copyOf(handled);
        leftForRetry = Map.copyOf(leftForRetry);
    }
}
