package dev.netx;

import java.time.Instant;

/** An orchestrated saga was still running at its deadline, so it was rolled back. */
public class SagaDeadlineException extends NetxException {

    private static final long serialVersionUID = 1L;

    private final String sagaId;
    private final Instant deadline;

    /** An exception for a saga whose deadline passed. */
    public SagaDeadlineException(String sagaId, Instant deadline) {
        super("saga " + sagaId + " passed its deadline " + deadline + " and was rolled back");
        this.sagaId = sagaId;
        this.deadline = deadline;
    }

    /** The saga. */
    public String sagaId() {
        return sagaId;
    }

    /** The deadline it passed. */
    public Instant deadline() {
        return deadline;
    }
}
