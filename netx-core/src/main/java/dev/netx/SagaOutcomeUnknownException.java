package dev.netx;

/**
 * Redis did not answer a write in time, or the connection broke while it was on its way: the saga
 * may have started (or moved on) or not. Its id is known: ask {@link SagaManager#outcome(String)} or
 * {@link Orchestrator#result(String)} later. Unlike {@link RedisRefusedException}, this does not
 * mean that nothing was written.
 *
 * <p>The node keeps sending the write in the background until Redis answers it (at most for the
 * retention, while the node runs), so a start that Redis did not get may still be made later, with
 * the start time and deadline of the first send: a caller that gives up on the saga should roll it
 * back by its id rather than start another.
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
