package dev.netx;

/** The phase a saga event belongs to; a listener is registered for exactly one phase. */
public enum SagaPhase {
    /** The saga was started with {@link SagaManager#start(Object)}. */
    START("S"),
    /** A service joined the saga with {@link SagaManager#join(String, Object)}. */
    JOIN("J"),
    /** The saga was committed with {@link SagaManager#commit(String, Object)}. */
    COMMIT("C"),
    /** The saga is rolled back: every group that took part undoes its work. */
    ROLLBACK("R");

    private final String code;

    SagaPhase(String code) {
        this.code = code;
    }

    /** The one-letter code stored in stream entries. */
    public String code() {
        return code;
    }

    /**
     * The phase for a stored code.
     *
     * @throws IllegalArgumentException if the code names no phase
     */
    public static SagaPhase ofCode(String code) {
        for (SagaPhase phase : values()) {
            if (phase.code.equals(code)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("unknown saga phase code '" + code + "'");
    }
}
