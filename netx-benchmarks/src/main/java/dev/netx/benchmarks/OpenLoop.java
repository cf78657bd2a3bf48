package dev.netx.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;

/**
 * An open loop: sagas arrive at a fixed rate whatever the system does, as independent users would.
 * Each saga's latency counts from the moment it was meant to start, so a stall of the system (or of
 * this generator) shows in the latencies of every arrival it delayed: no coordinated omission.
 * Arrivals beyond {@value #MAX_OUTSTANDING} running sagas are dropped and counted as errors.
 */
public final class OpenLoop implements LoadGenerator {

    /** Sagas in flight beyond which arrivals are dropped, so an overloaded run cannot exhaust memory. */
    public static final int MAX_OUTSTANDING = 100_000;

    private final Workload workload;
    private final double rate;
    private final Tally tally = new Tally();
    private final Thread thread;
    private volatile boolean running;

    /**
     * A loop over the workload.
     *
     * @param rate sagas per second
     */
    public OpenLoop(Workload workload, double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate must be positive, was " + rate);
        }
        this.workload = workload;
        this.rate = rate;
        this.thread = new Thread(this::arrive, "bench-open-loop");
        this.thread.setDaemon(true);
    }

    @Override
    public void start() {
        running = true;
        thread.start();
    }

    /** Issues every arrival whose intended time has come, then sleeps until the next one. */
    private void arrive() {
        double interval = 1e9 / rate;
        long origin = System.nanoTime();
        long next = 0;
        while (running) {
            long intended = origin + (long) (next * interval);
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            if (tally.outstanding() >= MAX_OUTSTANDING) {
                tally.dropped();
            } else {
                issue(next, intended);
            }
            next++;
        }
    }

    private void issue(long sequence, long intended) {
        tally.started();
        CompletionStage<Boolean> saga;
        try {
            saga = workload.call(sequence);
        } catch (RuntimeException e) {
            saga = CompletableFuture.failedFuture(e);
        }
        saga.whenComplete((expected, failure) -> tally.ended(intended, Boolean.TRUE.equals(expected), failure));
    }

    @Override
    public void stop() {
        running = false;
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Tally tally() {
        return tally;
    }
}
