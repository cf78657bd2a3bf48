package dev.netx.faults;

/**
 * Milliseconds since a scenario began, from the monotonic clock: the one time base of its calls and
 * its faults.
 *
 * @param originNanos {@link System#nanoTime()} when the scenario began
 */
record Timeline(long originNanos) {

    /** A timeline that begins now. */
    static Timeline startingNow() {
        return new Timeline(System.nanoTime());
    }

    /** Milliseconds since the beginning. */
    long millis() {
        return (System.nanoTime() - originNanos) / 1_000_000;
    }
}
