package dev.netx.internal.engine;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Backpressure: how many messages this node may hold at once, shared by its readers and claimer. */
final class Permits {

    private final int total;
    private final Semaphore semaphore;

    Permits(int total) {
        this.total = total;
        this.semaphore = new Semaphore(total, true);
    }

    /** Waits up to {@code wait} for one permit, then takes up to {@code max} in all; 0 if none came. */
    int acquireUpTo(int max, Duration wait) throws InterruptedException {
        if (!semaphore.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return 0;
        }
        return 1 + tryAcquireUpTo(max - 1);
    }

    /** Takes up to {@code max} permits without waiting. */
    int tryAcquireUpTo(int max) {
        int taken = 0;
        while (taken < max && semaphore.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    /** Waits up to {@code wait} until a permit is free, without taking it. */
    void awaitFree(Duration wait) throws InterruptedException {
        if (semaphore.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            semaphore.release();
        }
    }

    void release(int count) {
        if (count > 0) {
            semaphore.release(count);
        }
    }

    /** Messages held now. */
    int inUse() {
        return total - semaphore.availablePermits();
    }
}
