package dev.netx.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed loop: a fixed number of sagas in flight, each followed at once by the next one when it
 * ends. Latency counts from the call. Measures throughput at that concurrency; its latencies hide
 * the waiting a slower system would impose on new arrivals (see {@link OpenLoop}).
 */
public final class ClosedLoop implements LoadGenerator {

    private static final long PAUSE_AFTER_ERROR_MILLIS = 10;

    private final Workload workload;
    private final int concurrency;
    private final ScheduledExecutorService scheduler;
    private final Tally tally = new Tally();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean running;

    /**
     * A loop over the workload.
     *
     * @param scheduler delays the next saga of a slot whose saga failed, so that a failing Redis is not
     *                  hammered; not shut down here
     */
    public ClosedLoop(Workload workload, int concurrency, ScheduledExecutorService scheduler) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be at least 1, was " + concurrency);
        }
        this.workload = workload;
        this.concurrency = concurrency;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < concurrency; i++) {
            issue();
        }
    }

    /** Runs one saga and, when it ends, the next: on the thread that completed it, which Netx owns. */
    private void issue() {
        if (!running) {
            return;
        }
        long from = System.nanoTime();
        tally.started();
        CompletionStage<Boolean> saga;
        try {
            saga = workload.call(sequence.getAndIncrement());
        } catch (RuntimeException e) {
            saga = CompletableFuture.failedFuture(e);
        }
        saga.whenComplete((expected, failure) -> {
            tally.ended(from, Boolean.TRUE.equals(expected), failure);
            if (failure == null) {
                issue();
            } else {
                scheduler.schedule(this::issue, PAUSE_AFTER_ERROR_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public Tally tally() {
        return tally;
    }
}
