package dev.netx;

import java.util.Objects;
import java.util.Optional;

/**
 * How an orchestrated saga ended: its value when every step succeeded, or the exception of the step
 * that failed (after the steps before it were compensated).
 *
 * @param sagaId  the saga
 * @param value   the last step's output when it succeeded; may be {@code null}
 * @param failure the failed step's exception (its own type when trusted, else a
 *                {@link RemoteSagaException}); {@code null} when it succeeded
 * @param <T>     the value type
 */
public record Result<T>(String sagaId, T value, Throwable failure) {

    /** Validates. */
    public Result {
        Objects.requireNonNull(sagaId, "sagaId");
    }

    /** Whether every step succeeded. */
    public boolean isSuccess() {
        return failure == null;
    }

    /**
     * The value, or the failure thrown: as it is when unchecked, wrapped in a
     * {@link SagaFailedException} when checked (see {@link #getOrThrow(Class)}).
     */
    public T get() {
        if (failure == null) {
            return value;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new SagaFailedException(sagaId, failure);
    }

    /** The value, or the failure thrown as the given (checked) type when it is one; otherwise as {@link #get()}. */
    public <X extends Throwable> T getOrThrow(Class<X> type) throws X {
        if (failure != null && type.isInstance(failure)) {
            throw type.cast(failure);
        }
        return get();
    }

    /** The failure, if the saga was rolled back. */
    public Optional<Throwable> failureIfAny() {
        return Optional.ofNullable(failure);
    }
}
