package dev.netx.internal.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Time limits on futures, timed on the node's scheduler, which drops a timer as soon as its future
 * finishes. ({@link CompletableFuture#orTimeout} keeps every timer in a JDK-wide queue until it would
 * have fired: on the hot path that is one object per saga kept for the whole limit, which the
 * young-generation collector copies again and again.)
 */
final class Timeouts {

    private Timeouts() {
    }

    /**
     * A future that completes as {@code future} does, or with a {@link TimeoutException} if that
     * takes longer than {@code millis}. {@code future} itself is left alone.
     */
    static <T> CompletableFuture<T> within(CompletableFuture<T> future, long millis,
            ScheduledExecutorService scheduler) {
        if (future.isDone()) {
            return future;
        }
        CompletableFuture<T> limited = new CompletableFuture<>();
        ScheduledFuture<?> timer;
        try {
            timer = scheduler.schedule(() -> limited.completeExceptionally(new TimeoutException()), millis,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            return future;
        }
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
