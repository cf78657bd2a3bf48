package dev.netx;

/** An event that the saga's state does not allow, such as a join after a rollback. */
public class SagaStateException extends NetxException {

    private static final long serialVersionUID = 1L;

    private final String sagaId;
    private final String state;

    /** An exception for a saga in the given state. */
    public SagaStateException(String sagaId, String state, SagaPhase refused) {
        super("saga " + sagaId + " is " + state + ": " + refused + " refused");
        this.sagaId = sagaId;
        this.state = state;
    }

    /** The saga id. */
    public String sagaId() {
        return sagaId;
    }

    /** The state the saga was in, e.g. {@code ROLLED_BACK}. */
    public String state() {
        return state;
    }
}
