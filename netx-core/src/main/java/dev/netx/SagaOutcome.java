package dev.netx;

import java.util.Objects;
import java.util.Optional;

/**
 * A saga's state as Redis holds it.
 *
 * @param sagaId the saga
 * @param state  its state
 * @param cause   why it was rolled back, for {@link SagaState#ROLLED_BACK}; {@code null} otherwise
 * @param failure the exception that rolled it back, when a listener threw one: the same type as
 *                thrown when it is in a trusted package, else a {@link RemoteSagaException}; {@code null}
 *                otherwise
 */
public record SagaOutcome(String sagaId, SagaState state, String cause, Throwable failure) {

    /** Validates the required parts. */
    public SagaOutcome {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(state, "state");
    }

    /** Whether the saga has finished (committed or rolled back). */
    public boolean isFinished() {
        return state.isFinished();
    }

    /** An outcome without a failure. */
    public SagaOutcome(String sagaId, SagaState state, String cause) {
        this(sagaId, state, cause, null);
    }

    /** The exception that rolled the saga back, if a listener threw one. */
    public Optional<Throwable> rollbackFailure() {
        return Optional.ofNullable(failure);
    }

    /** Why it was rolled back, if it was. */
    public Optional<String> rollbackCause() {
        return Optional.ofNullable(cause);
    }
}
