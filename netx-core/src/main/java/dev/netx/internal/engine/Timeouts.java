package dev.netx.internal.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Time limits on futures, and the pauses between a write's attempts, on one timer thread of their
 * own that drops a timer as soon as its future finishes. ({@link CompletableFuture#orTimeout} keeps every timer in a JDK-wide queue until it would
 * have fired: on the hot path that is one object per saga kept for the whole limit, which the
 * young-generation collector copies again and again.) Not the node's scheduler, whose housekeeping
 * blocks on Redis while it is frozen, just when write limits must fire.
 */
final class Timeouts {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Timeouts() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "netx-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Runs {@code action} on the timer thread after {@code nanos}; cancel the result to drop it. */
    static ScheduledFuture<?> after(long nanos, Runnable action) {
        return TIMER.schedule(action, nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A future that completes as {@code future} does, or with a {@link TimeoutException} if that
     * takes longer than {@code millis}. {@code future} itself is left alone.
     */
    static <T> CompletableFuture<T> within(CompletableFuture<T> future, long millis) {
        if (future.isDone()) {
            return future;
        }
        CompletableFuture<T> limited = new CompletableFuture<>();
        ScheduledFuture<?> timer = TIMER.schedule(() -> limited.completeExceptionally(new TimeoutException()), millis,
                TimeUnit.MILLISECONDS);
        future.whenComplete((value, failure) -> {
            timer.cancel(false);
            if (failure == null) {
                limited.complete(value);
            } else {
                limited.completeExceptionally(failure);
            }
        });
        return limited;
    }
}
