package dev.netx;

/** Carries a checked exception that failed a saga, thrown by {@link Result#get()}. */
public class SagaFailedException extends NetxException {

    private static final long serialVersionUID = 1L;

    /** Wraps the saga's failure, which is the cause. */
    public SagaFailedException(String sagaId, Throwable cause) {
        super("saga " + sagaId + " failed: " + cause, cause);
    }
}
