package dev.netx.spi;

import dev.netx.SagaPhase;
import java.util.Locale;
import java.util.Objects;

/**
 * A handler call that a {@link TracePropagation} restores a context for.
 *
 * @param sagaId the saga
 * @param kind   what runs
 * @param name   for a listener, the event type name (empty for none); for a local step or
 *               compensation, {@code <orchestrator>.<step index>}; for a participant handler, its name
 * @param group  the group of the node that runs it
 */
public record HandlerCall(String sagaId, Kind kind, String name, String group) {

    /** Validates: every part is required. */
    public HandlerCall {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
    }

    /**
     * A short description of low cardinality (no saga id), fit for a span name:
     * {@code start OrderPlaced}, {@code step place-order.1}, {@code participant compensation refund}.
     */
    public String description() {
        String label = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return name.isEmpty() ? label : label + " " + name;
    }

    /** What a handler call runs. */
    public enum Kind {
        /** A choreography listener of {@link SagaPhase#START}. */
        START,
        /** A choreography listener of {@link SagaPhase#JOIN}. */
        JOIN,
        /** A choreography listener of {@link SagaPhase#COMMIT}. */
        COMMIT,
        /** A choreography listener of {@link SagaPhase#ROLLBACK}: a compensation. */
        ROLLBACK,
        /** A local step of an orchestrator. */
        STEP,
        /** The compensation of a local step of an orchestrator. */
        COMPENSATION,
        /** A participant handler called as an orchestrator's remote step. */
        PARTICIPANT,
        /** A participant handler called to undo an orchestrator's remote step. */
        PARTICIPANT_COMPENSATION;

        /** The kind of a choreography listener of {@code phase}. */
        public static Kind of(SagaPhase phase) {
            return switch (phase) {
                case START -> START;
                case JOIN -> JOIN;
                case COMMIT -> COMMIT;
                case ROLLBACK -> ROLLBACK;
            };
        }
    }
}
