package dev.netx.faults;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Bounded polling for the suite's own processes: a condition that throws counts as not holding. */
final class Waits {

    private static final Duration POLL = Duration.ofMillis(250);

    private Waits() {
    }

    /** Polls until the condition holds or the bound passes; returns how long it took, or empty. Blocks. */
    static java.util.Optional<Duration> until(Duration bound, BooleanSupplier condition) {
        return until(bound, POLL, condition);
    }

    /** Polls every {@code poll} until the condition holds or the bound passes; returns how long it took, or empty. */
    static java.util.Optional<Duration> until(Duration bound, Duration poll, BooleanSupplier condition) {
        long start = System.nanoTime();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return java.util.Optional.of(Duration.ofNanos(System.nanoTime() - start));
                }
            } catch (RuntimeException e) {
                // not yet: the thing polled is down or restarting
            }
            if (System.nanoTime() - start > bound.toNanos()) {
                return java.util.Optional.empty();
            }
            pause(poll);
        }
    }

    /** Blocks for the given time; an interrupt ends it early and is kept. */
    static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
