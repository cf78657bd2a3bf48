package dev.netx;

import java.time.Duration;

/**
 * The caller stopped waiting for a saga's outcome. The saga goes on; its outcome stays retrievable
 * with {@link SagaManager#outcome(String)} for the retention period.
 */
public class SagaTimeoutException extends NetxException {

    private static final long serialVersionUID = 1L;

    private final String sagaId;

    /** An exception for a saga not finished within {@code timeout}. */
    public SagaTimeoutException(String sagaId, Duration timeout) {
        super("saga " + sagaId + " did not finish within " + timeout + "; it goes on, and its outcome stays"
                + " retrievable by id");
        this.sagaId = sagaId;
    }

    /** The saga that is still running. */
    public String sagaId() {
        return sagaId;
    }
}
