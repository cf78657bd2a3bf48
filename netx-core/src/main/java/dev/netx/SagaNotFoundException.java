package dev.netx;

/** A saga id that Redis does not know: never started here, or expired after its retention. */
public class SagaNotFoundException extends NetxException {

    private static final long serialVersionUID = 1L;

    private final String sagaId;

    /** An exception for the given saga id. */
    public SagaNotFoundException(String sagaId) {
        super("saga " + sagaId + " does not exist (never started, or expired after its retention)");
        this.sagaId = sagaId;
    }

    /** The saga id that was not found. */
    public String sagaId() {
        return sagaId;
    }
}
