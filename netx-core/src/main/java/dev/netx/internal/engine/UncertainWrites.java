package dev.netx.internal.engine;

import dev.netx.RedisRefusedException;
import dev.netx.SagaOutcomeUnknownException;
import dev.netx.internal.redis.ReplicaAcks;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a caller's write (a publish or a launch, both applied at most once per publish id) and, while
 * Redis cannot be reached or its answer is lost (a timeout, a broken connection, Redis loading its
 * data after a restart, a replica not yet promoted), sends the very same write again until Redis
 * answers or the write-retry window has passed. So a Redis that restarts or fails over within the
 * window costs the caller a delay, not an unknown outcome. With replica acks, a write counts as
 * answered once enough replicas have it.
 *
 * <p>At the end of the window the caller learns what can be known: {@link RedisRefusedException} if
 * no attempt can have reached Redis (rejected while disconnected, or refused by Redis), otherwise
 * {@link SagaOutcomeUnknownException} with the saga id. A write whose outcome is unknown is then
 * sent again in the background, every second, until Redis answers it (whatever the replicas have),
 * while the node runs and at most until {@code retention} has passed since it was first sent:
 * Redis remembers a publish id for at least that long after the write was applied, so a write sent
 * again is never applied twice. A saga start that Redis lost on the way is started after all once
 * Redis is back.
 */
final class UncertainWrites implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UncertainWrites.class);
    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long LONGEST_PAUSE_MILLIS = 1_000;
    /** The most writes sent again in the background at once, and the most characters they hold. */
    private static final int MOST_RESENDS = 10_000;
    private static final long MOST_RESEND_CHARS = 64L * 1024 * 1024;
    private static final long CAP_WARNING_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Redis errors that pass (Redis 6.2 wraps a script's as "ERR Error running script ... -READONLY ..."). */
    private static final List<String> TRANSIENT_ERRORS = List.of("LOADING", "READONLY", "MASTERDOWN", "TRYAGAIN",
            "CLUSTERDOWN");

    private final ReplicaAcks acks;
    private final Duration resendFor;
    private final AtomicInteger resending = new AtomicInteger();
    private final AtomicLong resendingChars = new AtomicLong();
    private volatile long lastCapWarning = System.nanoTime() - CAP_WARNING_EVERY_NANOS;
    private volatile boolean closed;

    /**
     * @param acks      what holds an answer back until replicas have the write
     * @param resendFor how long a write whose outcome is unknown is sent again in the background
     */
    UncertainWrites(ReplicaAcks acks, Duration resendFor) {
        this.acks = acks;
        this.resendFor = resendFor;
    }

    /**
     * Runs {@code write} on the connection for callers' writes, again while its failure is transient
     * and {@code window} has not passed. A positive window also bounds the whole wait: an attempt
     * still unanswered when it ends is given up (Redis may still run it: the outcome is unknown, and
     * the write is sent again in the background). A zero window sends once and waits for the
     * command's own timeout.
     *
     * @param operation what is written, for messages, e.g. "start of saga ..."
     * @param size      the write's size in characters, which a write sent again in the background holds
     */
    <T> CompletableFuture<T> send(Function<RedisClusterAsyncCommands<String, String>, CompletableFuture<T>> write,
            String operation, String sagaId, Duration window, long size) {
        Supplier<CompletableFuture<T>> once = () -> write.apply(acks.commands());
        Supplier<CompletableFuture<T>> acknowledged = () -> acks.replicated(once.get());
        CompletableFuture<T> result = new CompletableFuture<>();
        long firstSent = System.nanoTime();
        attempt(acknowledged, operation, sagaId, firstSent + window.toNanos(), !window.isZero(),
                FIRST_PAUSE_MILLIS, false, result);
        if (!window.isZero()) {
            result.whenComplete((value, failure) -> {
                if (failure != null && unwrap(failure) instanceof SagaOutcomeUnknownException) {
                    resendInBackground(once, operation, sagaId, firstSent, size);
                }
            });
        }
        return result;
    }

    /** Stops sending writes again in the background, and closes the connection for callers' writes. */
    @Override
    public void close() {
        closed = true;
        acks.close();
        int left = resending.get();
        if (left > 0) {
            log.warn("{} writes whose outcome is unknown are no longer sent again: this node stops", left);
        }
    }

    /**
     * Sends {@code write} again every second until Redis answers it, within {@code retention} of its
     * first send (less a margin for the clocks): Redis keeps its publish id at least that long.
     */
    private <T> void resendInBackground(Supplier<CompletableFuture<T>> write, String operation, String sagaId,
            long firstSent, long size) {
        long margin = Math.max(TimeUnit.SECONDS.toNanos(1), resendFor.toNanos() / 10);
        long deadline = firstSent + resendFor.toNanos() - margin;
        if (closed || deadline - System.nanoTime() <= TimeUnit.MILLISECONDS.toNanos(LONGEST_PAUSE_MILLIS)) {
            return;
        }
        if (!reserve(size)) {
            long now = System.nanoTime();
            if (now - lastCapWarning >= CAP_WARNING_EVERY_NANOS) {
                lastCapWarning = now;
                log.warn("{}: outcome unknown, not sent again: {} writes ({} characters) are sent again already",
                        operation, resending.get(), resendingChars.get());
            }
            return;
        }
        CompletableFuture<T> again = new CompletableFuture<>();
        Timeouts.after(TimeUnit.MILLISECONDS.toNanos(LONGEST_PAUSE_MILLIS), () -> attempt(write, operation, sagaId,
                deadline, true, LONGEST_PAUSE_MILLIS, true, again));
        again.whenComplete((value, failure) -> {
            resending.decrementAndGet();
            resendingChars.addAndGet(-size);
            if (failure == null) {
                log.info("{}: sent again after its caller was told the outcome is unknown, Redis answered {}",
                        operation, value);
            } else if (!closed) {
                Throwable unknown = unwrap(failure);
                log.warn("{}: outcome still unknown, no longer sent again: {}", operation,
                        unknown.getCause() != null ? unknown.getCause() : unknown);
            }
        });
    }

    /** The size in characters of a script's arguments, for {@link #send}. */
    static long size(String[] args) {
        long size = 0;
        for (String arg : args) {
            size += arg.length();
        }
        return size;
    }

    private boolean reserve(long size) {
        if (resending.incrementAndGet() > MOST_RESENDS) {
            resending.decrementAndGet();
            return false;
        }
        if (resendingChars.addAndGet(size) > MOST_RESEND_CHARS) {
            resendingChars.addAndGet(-size);
            resending.decrementAndGet();
            return false;
        }
        return true;
    }

    private <T> void attempt(Supplier<CompletableFuture<T>> write, String operation, String sagaId,
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
            if (isTransient(cause) && !closed
                    && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) < deadline) {
                Timeouts.after(TimeUnit.MILLISECONDS.toNanos(pause), () -> attempt(write, operation, sagaId, deadline,
                        bounded, Math.min(pause * 2, LONGEST_PAUSE_MILLIS), arrived, result));
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
