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
 */
public record SagaCall(Duration timeout, Map<String, Object> context) {

    /** Default {@link #timeout()} in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    private static final SagaCall DEFAULTS = new SagaCall(Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), Map.of());

    /** Validates and copies. */
    public SagaCall {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        context = Map.copyOf(context);
    }

    /** The defaults. */
    public static SagaCall defaults() {
        return DEFAULTS;
    }

    /** This call with another timeout. */
    public SagaCall withTimeout(Duration timeout) {
        return new SagaCall(timeout, context);
    }

    /** This call with the given initial context. */
    public SagaCall withContext(Map<String, ?> context) {
        return new SagaCall(timeout, Map.copyOf(context));
    }
}
