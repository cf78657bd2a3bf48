package dev.netx;

import java.time.Instant;
import java.util.Objects;

/**
 * A saga in a list of {@link SagaInspector}.
 *
 * @param sagaId       the saga
 * @param state        where it stands
 * @param orchestrator the orchestrator that started it; empty for a choreographed saga
 * @param startedAt    when it started
 * @param origin       the node that started it (and waits for its outcome)
 */
public record SagaSummary(String sagaId, SagaState state, String orchestrator, Instant startedAt, String origin) {

    /** Validates. */
    public SagaSummary {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(orchestrator, "orchestrator");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(origin, "origin");
    }
}
