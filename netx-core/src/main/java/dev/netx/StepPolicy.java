package dev.netx;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a step copes with transient failures: how long one attempt may take, how often it is tried,
 * and which exceptions are worth another try. Immutable; start from {@link #defaults()}.
 *
 * @param timeout   the longest one attempt of a local step may take; {@code null} for no limit (default)
 * @param attempts  how many attempts in all, at least 1; default 1 (no retry)
 * @param backoff   the pause before the second attempt, doubled before each next one; default 100 ms
 * @param retryOn   exception types (with subtypes) that are retried; default none
 */
public record StepPolicy(Duration timeout, int attempts, Duration backoff, Set<Class<? extends Throwable>> retryOn) {

    private static final StepPolicy DEFAULTS = new StepPolicy(null, 1, Duration.ofMillis(100), Set.of());

    /** Validates. */
    public StepPolicy {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("step timeout must be positive, was " + timeout);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("step attempts must be at least 1, was " + attempts);
        }
        Objects.requireNonNull(backoff, "backoff");
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("step backoff must not be negative, was " + backoff);
        }
        retryOn = Set.copyOf(retryOn);
    }

    /** No timeout, one attempt. */
    public static StepPolicy defaults() {
        return DEFAULTS;
    }

    /** This policy with a timeout per attempt. */
    public StepPolicy withTimeout(Duration timeout) {
        return new StepPolicy(timeout, attempts, backoff, retryOn);
    }

    /** This policy retrying the given exception types, up to {@code attempts} in all, after {@code backoff}. */
    @SafeVarargs
    public final StepPolicy withRetry(int attempts, Duration backoff, Class<? extends Throwable>... retryOn) {
        return new StepPolicy(timeout, attempts, backoff, Set.of(retryOn));
    }

    /** Whether a failure of attempt number {@code attempt} (from 1) is tried again. */
    public boolean retries(Throwable failure, int attempt) {
        return attempt < attempts && retryOn.stream().anyMatch(type -> type.isInstance(failure));
    }

    /** The pause before attempt number {@code attempt} (from 2). */
    public Duration backoffBefore(int attempt) {
        return backoff.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 2)));
    }
}
