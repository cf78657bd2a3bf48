package dev.netx;

/** Where a saga stands. */
public enum SagaState {
    /** Started; no group has joined yet. */
    STARTED,
    /** At least one group joined. */
    JOINED,
    /** An orchestrated saga whose step failed: the steps before it are being compensated. */
    COMPENSATING,
    /** Committed: finished successfully. */
    COMMITTED,
    /** Rolled back: finished, undone by every group that took part. */
    ROLLED_BACK;

    /** Whether the saga has finished. */
    public boolean isFinished() {
        return this == COMMITTED || this == ROLLED_BACK;
    }
}
