package dev.netx.internal.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends a transition of an accepted saga again while Redis refuses it for memory ({@code OOM}, under
 * {@code maxmemory} with {@code noeviction}), instead of leaving its message to be claimed: a claim
 * counts as a delivery, and a message refused often enough would be dead-lettered although nothing
 * is wrong with it. The scripts write nothing before their first deny-oom write, so a refused one
 * changed nothing and is safe to send again. Its message stays with this node meanwhile (its claim
 * kept fresh); other failures end the attempt as before.
 */
final class OutOfMemoryRetries {

    private static final long FIRST_PAUSE_MS = 100;
    private static final long LONGEST_PAUSE_MS = 2_000;

    private final ScheduledExecutorService scheduler;

    OutOfMemoryRetries(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** The write's outcome, sent again after growing pauses for as long as Redis answers OOM. */
    <T> CompletableFuture<T> send(Supplier<CompletableFuture<T>> write) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        attempt(write, outcome, FIRST_PAUSE_MS);
        return outcome;
    }

    private <T> void attempt(Supplier<CompletableFuture<T>> write, CompletableFuture<T> outcome, long pause) {
        write.get().whenComplete((value, failure) -> {
            if (failure == null) {
                outcome.complete(value);
            } else if (isOutOfMemory(failure)) {
                try {
                    scheduler.schedule(() -> attempt(write, outcome, Math.min(pause * 2, LONGEST_PAUSE_MS)), pause,
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException stopped) {
                    outcome.completeExceptionally(failure);
                }
            } else {
                outcome.completeExceptionally(failure);
            }
        });
    }

    /** Whether Redis refused a write for memory. */
    static boolean isOutOfMemory(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String message = cause.getMessage();
        return message != null && message.startsWith("OOM");
    }
}
