package dev.netx.internal.engine;

import dev.netx.SagaOutcome;
import dev.netx.SagaState;

/**
 * A saga's state as stored, with the encoded result of an orchestrated saga.
 *
 * @param sagaId  the saga
 * @param state   its state
 * @param cause   why it was rolled back, or {@code null}
 * @param failure the exception that rolled it back, decoded, or {@code null}
 * @param result  the encoded result of a committed orchestrated saga, or {@code null}
 */
record SagaRecord(String sagaId, SagaState state, String cause, Throwable failure, String result) {

    boolean isFinished() {
        return state.isFinished();
    }

    SagaOutcome outcome() {
        return new SagaOutcome(sagaId, state, cause, failure);
    }
}
