package dev.netx;

/**
 * Redis did not answer a write in time, or the connection broke while it was on its way: the saga
 * may have started (or moved on) or not. Its id is known: ask {@link SagaManager#outcome(String)} or
 * {@link Orchestrator#result(String)} later. Unlike {@link RedisRefusedException}, this does not
 * mean that nothing was written.
 */
public class SagaOutcomeUnknownException extends NetxException {

    private static final long serialVersionUID = 1L;

    private final String sagaId;

    /** An exception for a write of the saga whose fate is unknown. */
    public SagaOutcomeUnknownException(String operation, String sagaId, Throwable cause) {
        super(operation + " may or may not have reached Redis (" + cause.getMessage() + "): ask for saga " + sagaId
                + " later", cause);
        this.sagaId = sagaId;
    }

    /** The saga whose fate is unknown. */
    public String sagaId() {
        return sagaId;
    }
}
