package dev.netx;

import java.util.Objects;
import java.util.Optional;

/**
 * A saga's state as Redis holds it.
 *
 * @param sagaId the saga
 * @param state  its state
 * @param cause  why it was rolled back, for {@link SagaState#ROLLED_BACK}; {@code null} otherwise
 */
public record SagaOutcome(String sagaId, SagaState state, String cause) {

    /** Validates the required parts. */
    public SagaOutcome {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(state, "state");
    }

    /** Whether the saga has finished (committed or rolled back). */
    public boolean isFinished() {
        return state.isFinished();
    }

    /** Why it was rolled back, if it was. */
    public Optional<String> rollbackCause() {
        return Optional.ofNullable(cause);
    }
}
