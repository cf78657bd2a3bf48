package dev.netx;

import java.time.Duration;

/** A step attempt took longer than its {@link StepPolicy#timeout()}; the saga is rolled back. */
public class StepTimeoutException extends NetxException {

    private static final long serialVersionUID = 1L;

    private final String sagaId;
    private final int step;
    private final Duration timeout;

    /** An exception for step {@code step} of a saga. */
    public StepTimeoutException(String sagaId, int step, Duration timeout) {
        super("step " + step + " of saga " + sagaId + " took longer than " + timeout);
        this.sagaId = sagaId;
        this.step = step;
        this.timeout = timeout;
    }

    /** The saga. */
    public String sagaId() {
        return sagaId;
    }

    /** The step's index. */
    public int step() {
        return step;
    }

    /** The step's timeout. */
    public Duration timeout() {
        return timeout;
    }
}
