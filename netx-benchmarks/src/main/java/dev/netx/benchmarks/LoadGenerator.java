package dev.netx.benchmarks;

import java.time.Duration;

/** Drives a workload until stopped, recording into its {@link Tally}. */
public interface LoadGenerator {

    /** Starts issuing sagas; returns at once. */
    void start();

    /** Stops issuing new sagas; the sagas running go on. */
    void stop();

    /** Waits up to {@code timeout} for the sagas still running to end; whether they all did. Blocks. */
    default boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (tally().outstanding() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return tally().outstanding() == 0;
    }

    /** What it observed. */
    Tally tally();
}
