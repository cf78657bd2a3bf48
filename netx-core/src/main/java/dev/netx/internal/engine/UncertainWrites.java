package dev.netx.internal.engine;

import dev.netx.RedisRefusedException;
import dev.netx.SagaOutcomeUnknownException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Sends a caller's write (a publish or a launch, both applied at most once per publish id) and, while
 * Redis cannot be reached or its answer is lost (a timeout, a broken connection, Redis loading its
 * data after a restart, a replica not yet promoted), sends the very same write again until Redis
 * answers or the write-retry window has passed. So a Redis that restarts or fails over within the
 * window costs the caller a delay, not an unknown outcome.
 *
 * <p>At the end of the window the caller learns what can be known: {@link RedisRefusedException} if
 * no attempt can have reached Redis (rejected while disconnected, or refused by Redis), otherwise
 * {@link SagaOutcomeUnknownException} with the saga id.
 */
final class UncertainWrites {

    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long LONGEST_PAUSE_MILLIS = 1_000;
    /** Redis errors that pass (Redis 6.2 wraps a script's as "ERR Error running script ... -READONLY ..."). */
    private static final List<String> TRANSIENT_ERRORS = List.of("LOADING", "READONLY", "MASTERDOWN", "TRYAGAIN",
            "CLUSTERDOWN");

    private UncertainWrites() {
    }

    /**
     * Runs {@code write}, again while its failure is transient and {@code window} has not passed. A
     * positive window also bounds the whole wait: an attempt still unanswered when it ends is given
     * up (Redis may still run it: the outcome is unknown). A zero window sends once and waits for the
     * command's own timeout.
     *
     * @param operation what is written, for messages, e.g. "start of saga ..."
     */
    static <T> CompletableFuture<T> send(Supplier<CompletableFuture<T>> write, String operation, String sagaId,
            Duration window) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(write, operation, sagaId, System.nanoTime() + window.toNanos(), !window.isZero(), FIRST_PAUSE_MILLIS,
                false, result);
        return result;
    }

    private static <T> void attempt(Supplier<CompletableFuture<T>> write, String operation, String sagaId,
            long deadline, boolean bounded, long pause, boolean mayHaveArrived, CompletableFuture<T> result) {
        CompletableFuture<T> sent;
        try {
            sent = write.get();
            if (bounded) {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                sent = Timeouts.within(sent, left);
            }
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            Throwable cause = unwrap(failure);
            boolean arrived = mayHaveArrived || mayHaveArrived(cause);
            if (isTransient(cause) && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) < deadline) {
                CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS).execute(() -> attempt(write, operation,
                        sagaId, deadline, bounded, Math.min(pause * 2, LONGEST_PAUSE_MILLIS), arrived, result));
            } else if (arrived) {
                result.completeExceptionally(new SagaOutcomeUnknownException(operation, sagaId, cause));
            } else if (cause instanceof RedisException) {
                result.completeExceptionally(new RedisRefusedException(operation, cause));
            } else {
                result.completeExceptionally(cause);
            }
        });
    }

    /** The command may have been run by Redis though its answer never came. */
    private static boolean mayHaveArrived(Throwable cause) {
        return cause instanceof RedisCommandTimeoutException || cause instanceof TimeoutException
                || cause instanceof IOException
                || (cause instanceof RedisException && !(cause instanceof RedisCommandExecutionException)
                        && !rejectedBeforeSending(cause));
    }

    /** Worth sending again: Redis may answer soon. */
    private static boolean isTransient(Throwable cause) {
        if (cause instanceof RedisCommandExecutionException) {
            String message = String.valueOf(cause.getMessage());
            return TRANSIENT_ERRORS.stream().anyMatch(code -> message.startsWith(code) || message.contains("-" + code));
        }
        return cause instanceof RedisException || cause instanceof IOException;
    }

    private static boolean rejectedBeforeSending(Throwable cause) {
        return String.valueOf(cause.getMessage()).startsWith("Currently not connected");
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
