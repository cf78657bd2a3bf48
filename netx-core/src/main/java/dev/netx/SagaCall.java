package dev.netx;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a caller starts an orchestrated saga: how long it waits for the result, and the initial saga
 * context. Waiting less never stops the saga.
 *
 * @param timeout how long the caller waits for the result; default {@value #DEFAULT_TIMEOUT_SECONDS} s
 * @param context initial context values, encoded with the node's codec; default none
 * @param key     the saga key that makes this start idempotent (see {@link SagaKeys}), {@code null}
 *                (the default) for none: a second call with the same key and request gets the first
 *                saga's result; the same key with another request fails with {@link SagaKeyConflictException}
 */
public record SagaCall(Duration timeout, Map<String, Object> context, String key) {

    /** Default {@link #timeout()} in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    private static final SagaCall DEFAULTS = new SagaCall(Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), Map.of(),
            null);

    /** Validates and copies. */
    public SagaCall {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        context = Map.copyOf(context);
        if (key != null) {
            SagaKeys.require(key);
        }
    }

    /** The defaults. */
    public static SagaCall defaults() {
        return DEFAULTS;
    }

    /** This call with another timeout. */
    public SagaCall withTimeout(Duration timeout) {
        return new SagaCall(timeout, context, key);
    }

    /** This call with the given initial context. */
    public SagaCall withContext(Map<String, ?> context) {
        return new SagaCall(timeout, Map.copyOf(context), key);
    }

    /**
     * This call with a saga key: a retry of the call with the same key and request returns the first
     * saga's result instead of starting another.
     *
     * @throws IllegalArgumentException if the key is not valid (see {@link SagaKeys#require})
     */
    public SagaCall withKey(String key) {
        return new SagaCall(timeout, context, SagaKeys.require(key));
    }
}
