package dev.netx.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a load generator observed: a latency histogram of every saga that ended (in microseconds,
 * expected outcomes and errors alike, so that errors cannot hide latency), the sagas that ended as
 * expected, the errors, and the sagas still running. Thread-safe.
 */
public final class Tally {

    private final Recorder latencies = new Recorder(3);
    private final LongAdder completed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicLong outstanding = new AtomicLong();
    private volatile Throwable firstError;

    /** A saga was started. */
    void started() {
        outstanding.incrementAndGet();
    }

    /**
     * A saga started with {@link #started()} ended.
     *
     * @param fromNanos the {@link System#nanoTime()} its latency counts from: the call, or for an open loop
     *                  the time it was meant to start
     * @param expected  whether it ended as the workload expects; ignored when it failed
     * @param failure   why it could not start or end, {@code null} if it did
     */
    void ended(long fromNanos, boolean expected, Throwable failure) {
        latencies.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - fromNanos)));
        if (failure == null && expected) {
            completed.increment();
        } else {
            errors.increment();
            if (firstError == null) {
                firstError = failure != null ? failure : new IllegalStateException("unexpected saga outcome");
            }
        }
        outstanding.decrementAndGet();
    }

    /** An arrival that an open loop dropped because too many sagas were outstanding. */
    void dropped() {
        errors.increment();
    }

    /** Sagas that ended as expected so far. */
    public long completed() {
        return completed.sum();
    }

    /** Sagas that failed, ended unexpectedly or were dropped so far. */
    public long errors() {
        return errors.sum();
    }

    /** Sagas started and not yet ended. */
    public long outstanding() {
        return outstanding.get();
    }

    /** The first error seen, for the log; {@code null} if none. */
    public Throwable firstError() {
        return firstError;
    }

    /** The latencies recorded since the previous call (the first call: since creation), in microseconds. */
    public Histogram interval() {
        return latencies.getIntervalHistogram();
    }
}
